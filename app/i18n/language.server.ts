import { SUPPORTED_LANGUAGES } from './catalogues.server';
import { FALLBACK_LANGUAGE } from './i18n';
import { readCookie } from '~/utils/cookies';

export const LANGUAGE_COOKIE = 'plenary_lang';

/** The person's language: their choice (a cookie), else the browser's Accept-Language, else English. */
export function languageFor(request: Request): string {
  const chosen = readCookie(request.headers.get('cookie'), LANGUAGE_COOKIE);
  if (chosen && SUPPORTED_LANGUAGES.includes(chosen)) return chosen;
  const accept = request.headers.get('accept-language') ?? '';
  const ranked = accept
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (SUPPORTED_LANGUAGES.includes(base)) return base;
  }
  return FALLBACK_LANGUAGE;
}

export function languageCookie(language: string): string {
  return `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax`;
}
