import fs from 'node:fs';
import path from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';

/** The refusals a person may meet in a browser, as keys of the `refused` catalogue section. */
export type RefusalKey = 'crossSite' | 'tooLarge' | 'encoding' | 'badForm' | 'badAddress' | 'method' | 'unavailable' | 'error' | 'tooManyGuesses';

/** A refusal in the person's language (`null` when no catalogue has it: the English message stands). */
export type RefusalText = (key: RefusalKey, headers: IncomingHttpHeaders) => { language: string; text: string } | null;

const FALLBACK = 'en';

/**
 * The `refused` section of every catalogue in app/i18n/locales (the same files the pages use),
 * read once at start. The language is picked as the pages pick it: the `plenary_lang` cookie,
 * else Accept-Language, else English.
 */
export function loadRefusalText(dir = path.resolve('app/i18n/locales')): RefusalText {
  const sections = new Map<string, Record<string, string>>();
  try {
    for (const file of fs.readdirSync(dir)) {
      if (!file.endsWith('.json')) continue;
      const catalogue = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { refused?: Record<string, string> };
      if (catalogue.refused) sections.set(file.slice(0, -'.json'.length), catalogue.refused);
    }
  } catch {
    // No catalogues next to the server: refusals stay in English.
  }
  const pick = (headers: IncomingHttpHeaders): string => {
    const chosen = /(?:^|;\s*)plenary_lang=([A-Za-z-]{2,8})(?:;|$)/.exec(headers.cookie ?? '')?.[1];
    if (chosen && sections.has(chosen)) return chosen;
    const ranked = String(headers['accept-language'] ?? '')
      .split(',')
      .slice(0, 20)
      .map((part) => {
        const [tag, q] = part.trim().split(';q=');
        return { base: tag.split('-')[0].toLowerCase(), q: q === undefined ? 1 : Number(q) || 0 };
      })
      .filter((x) => x.q > 0 && sections.has(x.base))
      .sort((a, b) => b.q - a.q);
    return ranked[0]?.base ?? FALLBACK;
  };
  return (key, headers) => {
    const language = pick(headers);
    const text = sections.get(language)?.[key] ?? sections.get(FALLBACK)?.[key];
    return text ? { language: sections.get(language)?.[key] ? language : FALLBACK, text } : null;
  };
}
