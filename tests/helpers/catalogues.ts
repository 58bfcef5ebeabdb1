/**
 * The shipped catalogues as the server reads them at start, and what a page must never show
 * instead of words: a raw catalogue key (`console.heading`) ([L42]).
 */
import { BUILT_IN_LOCALES, loadLanguages } from '../../app/i18n/locale-files.server.js';
import type { Catalogue } from '../../app/i18n/translate.js';

/** The shipped catalogues, by code. */
export const SHIPPED: Record<string, Catalogue> = Object.fromEntries(loadLanguages(BUILT_IN_LOCALES).map((l) => [l.code, l.catalogue]));

/** The catalogue's top-level sections: a key on screen starts with one of them and a dot. */
const KEY = new RegExp(
  `(?<![\\w.])(?:${Object.keys(SHIPPED.en)
    .filter((k) => k !== '_meta')
    .join('|')})\\.[A-Za-z0-9_.-]*[A-Za-z0-9_]`,
  'g',
);

/** Catalogue keys shown as they are, instead of their words. */
export const rawKeys = (text: string): string[] => [...new Set(text.match(KEY) ?? [])];

/** The text of a page as served: scripts and styles out, tags out, entities for quotes and ampersands read. */
export function servedText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
