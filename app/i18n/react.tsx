/**
 * The translator in React: the root layout provides one per page, components take it with
 * `useTranslation()` (the same shape react-i18next gave: `{ t, i18n: { language, dir } }`).
 */
import { createContext, useContext, type ReactNode } from 'react';
import { createI18n, FALLBACK_LANGUAGE, type I18n } from './i18n';

/** Outside a provider (should not happen) every key shows as missing, in English: visible, not fatal. */
const I18nContext = createContext<I18n>(createI18n(FALLBACK_LANGUAGE, {}));

/** Gives the page's translator to everything under it. */
export function I18nProvider({ i18n, children }: { i18n: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

/** The page's translator: `t` to translate, `i18n.language` and `i18n.dir()` for the rest. */
export function useTranslation(): { t: I18n['t']; i18n: I18n } {
  const i18n = useContext(I18nContext);
  return { t: i18n.t, i18n };
}
