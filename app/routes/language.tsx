import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { SUPPORTED_LANGUAGES } from '~/i18n/catalogues.server';
import { languageCookie } from '~/i18n/language.server';
import { plainRefusal } from '~/utils/plain-refusal.server';
import { sameSitePath } from '~/utils/safe-redirect';

/** POST language=es&back=/a/x — remembers the choice on this device and goes back. Works without JS. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  if (!form) throw plainRefusal(request, 'refused.badForm');
  const language = form.get('language');
  // Refused without repeating it: the value is whatever a forged form sent, up to the body limit.
  if (typeof language !== 'string' || !SUPPORTED_LANGUAGES.includes(language)) throw plainRefusal(request, 'language.unknown');
  return redirect(sameSitePath(form.get('back')), { headers: { 'Set-Cookie': languageCookie(language) } });
}

/**
 * GET /language (a bookmarked or retyped address, a form page reloaded by hand) goes back where
 * it came from, or to the start page: never a 500 ([N34]).
 */
export function loader({ request }: LoaderFunctionArgs) {
  return redirect(sameSitePath(new URL(request.url).searchParams.get('back')));
}
