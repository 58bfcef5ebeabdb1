import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { SUPPORTED_LANGUAGES } from '~/i18n/catalogues.server';
import { languageCookie } from '~/i18n/language.server';
import { sameSitePath } from '~/utils/safe-redirect';

/** POST language=es&back=/a/x — remembers the choice on this device and goes back. Works without JS. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  if (!form) throw new Response('The form could not be read', { status: 400 });
  const language = String(form.get('language') ?? '');
  if (!SUPPORTED_LANGUAGES.includes(language)) {
    throw new Response(`Unknown language "${language}"`, { status: 400 });
  }
  return redirect(sameSitePath(form.get('back')), { headers: { 'Set-Cookie': languageCookie(language) } });
}
