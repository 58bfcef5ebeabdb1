import type { EntryContext } from '@remix-run/node';
import { CATALOGUES } from '~/i18n/catalogues.server';
import { createI18n } from '~/i18n/i18n';
import { languageFor } from '~/i18n/language.server';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A refused form post without JavaScript (429: too many commands; 503: the server cannot save)
 * gets a small page, not the whole assembly page again: what happened, when to try again
 * (`Retry-After`, also as a header) and a way back ([V11]). With JavaScript, the page itself
 * shows the action's message. Null for every other response.
 */
export function refusalPage(request: Request, status: number, headers: Headers, context: EntryContext): Response | null {
  if (request.method !== 'POST' || (status !== 429 && status !== 503)) return null;
  const handler = context.staticHandlerContext;
  const data = Object.values(handler.actionData ?? {}).find((d): d is { error: string } => typeof (d as { error?: unknown })?.error === 'string');
  const given = Object.values(handler.actionHeaders ?? {})
    .map((h) => h.get('Retry-After'))
    .find((v) => v && /^\d{1,5}$/.test(v));
  const seconds = Number(given ?? (status === 429 ? 10 : 5));
  const language = languageFor(request);
  const { t } = createI18n(language, CATALOGUES[language]);
  const message = t(data?.error ?? (status === 429 ? 'stack.errors.tooMany' : 'errors.unavailable'));
  const back = new URL(request.url).pathname;
  const body = `<!DOCTYPE html>
<html lang="${escape(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(t('refusal.title'))} — Plenary</title></head>
<body><main><h1>${escape(t('refusal.title'))}</h1><p role="alert">${escape(message)}</p><p>${escape(t('refusal.retry', { seconds }))}</p><p><a href="${escape(back)}">${escape(t('refusal.back'))}</a></p></main></body></html>
`;
  headers.set('Content-Type', 'text/html; charset=utf-8');
  headers.set('Retry-After', String(seconds));
  headers.set('Cache-Control', 'no-store');
  return new Response(body, { status, headers });
}
