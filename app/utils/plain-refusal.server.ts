import { languageFor } from '~/i18n/language.server';
import { translator } from './refusal-page.server';

/**
 * A refusal for a route with no page (a resource route): one plain-text sentence in the person's
 * language, as the server's own refusals are ([L2], docs/SPEC.md "Web hardening"). It never
 * echoes what was sent. Thrown like any guard's Response.
 */
export function plainRefusal(request: Request, key: string, status = 400): Response {
  const language = languageFor(request);
  return new Response(`${translator(language)(key)}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': language, 'Cache-Control': 'no-store' },
  });
}
