import type { EntryContext } from '@remix-run/node';
import { i18nFor } from '~/i18n/catalogues.server';
import type { TFunction } from '~/i18n/i18n';
import { languageFor } from '~/i18n/language.server';

/** One translator per language, made once (i18nFor): a refusal must stay cheap when a script sends thousands. */
export const translator = (language: string): TFunction => i18nFor(language).t;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Pages whose commands a script may send by the thousand: a refusal there costs a small page, not
 * a render of the whole live assembly.
 */
const COMMAND_PAGES = new Set(['routes/a.$id._index']);

const errorOf = (d: unknown): string | null => (typeof (d as { error?: unknown } | null)?.error === 'string' ? (d as { error: string }).error : null);

/**
 * A refused form post without JavaScript gets a small page, not the whole assembly page again:
 * what happened, when to try again (429: too many commands; 503: the server cannot save; with
 * `Retry-After`, also as a header) and a way back ([K11]). Any refused phone command gets one
 * too. With JavaScript, the page itself shows the action's message. Null for every other response.
 */
export function refusalPage(request: Request, status: number, headers: Headers, context: EntryContext): Response | null {
  if (request.method !== 'POST' || status < 400) return null;
  const handler = context.staticHandlerContext;
  // Other pages' forms (creating an assembly, the console) come back whole, with what was typed.
  if (!handler.matches.some((m) => COMMAND_PAGES.has(m.route.id))) return null;
  const command = Object.entries(handler.actionData ?? {}).find(([route, d]) => COMMAND_PAGES.has(route) && errorOf(d));
  const retryable = status === 429 || status === 503;
  if (!retryable && !command) return null;
  const data = command
    ? { error: errorOf(command[1])! }
    : (Object.values(handler.actionData ?? {})
        .map((d) => ({ error: errorOf(d) }))
        .find((d) => d.error) ?? null);
  const given = Object.values(handler.actionHeaders ?? {})
    .map((h) => h.get('Retry-After'))
    .find((v) => v && /^\d{1,5}$/.test(v));
  const seconds = Number(given ?? (status === 429 ? 10 : 5));
  const language = languageFor(request);
  const t = translator(language);
  const message = t(data?.error ?? (status === 429 ? 'stack.errors.tooMany' : 'errors.unavailable'));
  const title = t(retryable ? 'refusal.title' : 'refusal.refused');
  const back = new URL(request.url).pathname;
  const body = `<!DOCTYPE html>
<html lang="${escape(language)}" dir="${i18nFor(language).dir()}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)} — Plenary</title></head>
<body><main><h1>${escape(title)}</h1><p role="alert">${escape(message)}</p>${retryable ? `<p>${escape(t('refusal.retry', { seconds }))}</p>` : ''}<p><a href="${escape(back)}">${escape(t('refusal.back'))}</a></p></main></body></html>
`;
  headers.set('Content-Type', 'text/html; charset=utf-8');
  if (retryable) headers.set('Retry-After', String(seconds));
  headers.set('Cache-Control', 'no-store');
  return new Response(body, { status, headers });
}
