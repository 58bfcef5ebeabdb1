import type { IncomingHttpHeaders } from 'node:http';
import type { LoadedLanguage } from '../../app/i18n/locale-files.server.js';
import { negotiate } from '../../app/i18n/negotiate.js';
import { readCookie } from '../../app/utils/cookies.js';

/** The refusals a person may meet in a browser, as keys of the `refused` catalogue section. */
export type RefusalKey = 'crossSite' | 'tooLarge' | 'encoding' | 'badForm' | 'badAddress' | 'method' | 'unavailable' | 'error' | 'tooManyGuesses';

/** A refusal in the person's language (`null` when no catalogue has it: the English message stands). */
export type RefusalText = (key: RefusalKey, headers: IncomingHttpHeaders) => { language: string; text: string } | null;

const FALLBACK = 'en';

/**
 * The `refused` section of every catalogue (the same languages the pages use, read once at start
 * by `loadLanguages`, LOCALES_DIR included). The language is picked as the pages pick it: the
 * `plenary_lang` cookie, else Accept-Language, else English.
 */
export function loadRefusalText(languages: readonly LoadedLanguage[]): RefusalText {
  const sections = new Map<string, Record<string, string>>();
  for (const { code, catalogue } of languages) {
    const refused = catalogue.refused;
    if (refused && typeof refused === 'object') {
      sections.set(code, Object.fromEntries(Object.entries(refused).filter((e): e is [string, string] => typeof e[1] === 'string')));
    }
  }
  const codes = [...sections.keys()];
  const pick = (headers: IncomingHttpHeaders): string => {
    // Read as the pages read it (language.server.ts): any tag a LOCALES_DIR adds, sr-Latn-RS too ([L82]).
    const chosen = readCookie(headers.cookie, 'plenary_lang');
    if (chosen && sections.has(chosen)) return chosen;
    return negotiate(String(headers['accept-language'] ?? ''), codes, FALLBACK);
  };
  return (key, headers) => {
    const language = pick(headers);
    const text = sections.get(language)?.[key] ?? sections.get(FALLBACK)?.[key];
    return text ? { language: sections.get(language)?.[key] ? language : FALLBACK, text } : null;
  };
}
