import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { SUPPORTED_LANGUAGES } from '~/i18n/catalogues.server';
import { languageCookie } from '~/i18n/language.server';

/** POST language=es&back=/a/x — remembers the choice on this device and goes back. Works without JS. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = String(form.get('language') ?? '');
  if (!SUPPORTED_LANGUAGES.includes(language)) {
    throw new Response(`Unknown language "${language}"`, { status: 400 });
  }
  const back = String(form.get('back') ?? '/');
  const safeBack = back.startsWith('/') && !back.startsWith('//') ? back : '/';
  return redirect(safeBack, { headers: { 'Set-Cookie': languageCookie(language) } });
}
