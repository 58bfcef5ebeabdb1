import { SUPPORTED_LANGUAGES } from './catalogues.server';
import { negotiate } from './negotiate.js';
import { readCookie } from '~/utils/cookies';

export const LANGUAGE_COOKIE = 'plenary_lang';

/** The person's language: their choice (a cookie), else the browser's Accept-Language, else English. */
export function languageFor(request: Request): string {
  const chosen = readCookie(request.headers.get('cookie'), LANGUAGE_COOKIE);
  if (chosen && SUPPORTED_LANGUAGES.includes(chosen)) return chosen;
  return negotiate(request.headers.get('accept-language') ?? '', SUPPORTED_LANGUAGES);
}

export function languageCookie(language: string): string {
  return `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax`;
}
