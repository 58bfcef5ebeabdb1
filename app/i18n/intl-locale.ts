/**
 * Which locale to hand `Intl` for a language tag ([L80]). A tag the runtime has no data for
 * (Hmong `hmn`, Karen `kar`) does not make `new Intl.PluralRules(tag)` throw: the runtime quietly
 * falls back to the process's default locale, so a server started with LANG=ar_EG would write a
 * Hmong page's numbers in Arabic digits and count its plurals by Arabic rules. Asking
 * `supportedLocalesOf` first and naming English explicitly keeps the result the same on every machine.
 */

/** The `Intl` services whose locale data may be missing for a tag. */
type IntlService = { supportedLocalesOf(locales: string | readonly string[], options?: { localeMatcher?: 'lookup' | 'best fit' }): string[] };

/** The fallback when the runtime does not know a language: the same per-key fallback the catalogues use. */
export const INTL_FALLBACK = 'en';

/**
 * `tag` when `service` (Intl.PluralRules, Intl.NumberFormat, Intl.DateTimeFormat) has data for it,
 * else 'en' (never the process's default locale). A malformed tag is 'en' too.
 */
export function intlLocale(service: IntlService, tag: string): string {
  try {
    return service.supportedLocalesOf(tag, { localeMatcher: 'lookup' }).length > 0 ? tag : INTL_FALLBACK;
  } catch {
    return INTL_FALLBACK;
  }
}
