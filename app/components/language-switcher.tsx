import { useId } from 'react';
import { useLocation, useRouteLoaderData } from '@remix-run/react';
import { FALLBACK_LANGUAGE } from '~/i18n/i18n';
import { useTranslation } from '~/i18n/react';
import type { loader as rootLoader } from '~/root';

/** Up to this many languages show as one button each; more become a list (a 390 px phone fits three). */
const MAX_BUTTONS = 3;

/**
 * The language switcher: a plain form post to /language, so it works without JavaScript (SPEC
 * [L2]). Every language is named in its own words and its own direction, from its catalogue's
 * `_meta` (ADR 024). With more than three languages it is a list and one button, which stays one
 * line on a 390 px phone with nine languages; `tone="dark"` for the projector's black screen.
 */
export function LanguageSwitcher({ className = '', tone = 'light' }: { className?: string; tone?: 'light' | 'dark' }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const languages = useRouteLoaderData<typeof rootLoader>('root')?.languages ?? [{ code: FALLBACK_LANGUAGE, name: 'English', dir: 'ltr' as const }];
  const dark = tone === 'dark';
  const listId = useId();
  return (
    <form
      method="post"
      action="/language"
      className={`flex min-w-0 max-w-full flex-wrap items-center gap-2 ${className}`}
      aria-label={t('language.change')}
      data-testid="language-switcher"
    >
      <input type="hidden" name="back" value={location.pathname + location.search} />
      {languages.length > MAX_BUTTONS ? (
        <>
          {/* Read out, not shown: the list shows the language by name and the button says what it does, in one row on a phone. */}
          <label htmlFor={listId} className="sr-only">
            {t('language.label')}
          </label>
          <select
            id={listId}
            name="language"
            defaultValue={i18n.language}
            className={`min-h-11 min-w-[7rem] max-w-[14rem] flex-1 basis-0 rounded-lg border-2 px-2 text-base font-semibold ${dark ? 'border-stone-500 bg-black text-white' : 'border-stone-400 bg-white text-stone-950'}`}
          >
            {languages.map(({ code, name, dir }) => (
              <option key={code} value={code} lang={code} dir={dir}>
                {name}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className={`min-h-11 min-w-0 max-w-full shrink rounded-lg border-2 px-3 text-base font-semibold ${dark ? 'border-white bg-white text-black' : 'border-stone-950 bg-stone-950 text-white'}`}
          >
            {t('language.change')}
          </button>
        </>
      ) : (
        <>
          <span className="text-sm font-semibold">{t('language.label')}:</span>
          {languages.map(({ code, name, dir }) => (
            <button
              key={code}
              type="submit"
              name="language"
              value={code}
              lang={code}
              dir={dir}
              aria-pressed={i18n.language === code}
              className={`min-h-11 rounded-lg border-2 px-3 text-base font-semibold ${
                i18n.language === code ? 'border-stone-950 bg-stone-950 text-white' : 'border-stone-400 bg-white text-stone-950'
              }`}
            >
              {/* The current language is marked by more than colour (forced colours drop backgrounds). */}
              {i18n.language === code ? <span aria-hidden="true">✓ </span> : null}
              {name}
            </button>
          ))}
        </>
      )}
    </form>
  );
}
