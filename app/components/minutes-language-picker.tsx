/**
 * "Read in: Original | español | Soomaali": the languages a published version of the minutes has
 * a translation in ([L63]), each by its own name and marked with its language, the original one
 * tap away. Plain links, so it works without JavaScript and prints nothing.
 */
import { useTranslation } from '~/i18n/react';

export interface PickerLanguage {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
}

const CHOICE = 'inline-flex min-h-11 items-center rounded-lg border-2 px-3 font-bold';

export function MinutesLanguagePicker({ page, languages, shown }: { page: string; languages: PickerLanguage[]; shown: string | null }) {
  const { t } = useTranslation();
  if (languages.length === 0) return null;
  const join = page.includes('?') ? '&' : '?';
  return (
    <nav className="mt-3 flex flex-wrap items-center gap-2 print:hidden" aria-labelledby="minutes-read-in" data-testid="minutes-languages">
      <span id="minutes-read-in" className="font-bold">
        {t('minutesTranslations.readIn')}
      </span>
      <a
        href={`${page}${join}lang=original`}
        aria-current={shown === null ? 'true' : undefined}
        className={`${CHOICE} ${shown === null ? 'border-stone-950 bg-stone-100' : 'border-stone-300'}`}
      >
        {t('minutesTranslations.original')}
      </a>
      {languages.map((l) => (
        <a
          key={l.code}
          href={`${page}${join}lang=${encodeURIComponent(l.code)}`}
          lang={l.code}
          hrefLang={l.code}
          dir={l.dir}
          aria-current={shown === l.code ? 'true' : undefined}
          className={`${CHOICE} ${shown === l.code ? 'border-stone-950 bg-stone-100' : 'border-stone-300'}`}
        >
          {l.name}
        </a>
      ))}
    </nav>
  );
}
