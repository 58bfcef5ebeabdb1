/**
 * The published versions of the minutes on the interpreter's page, each translated into their
 * language or "not translated yet" ([L61]): a translation belongs to the version it was made
 * from, so a newer version starts untranslated.
 */
import { formatInstant } from '~/i18n/format';
import { useTranslation } from '~/i18n/react';
import { Card } from './ui/card';

export function TranslationVersions({
  assemblyId,
  versions,
  current,
  timeZone,
}: {
  assemblyId: string;
  versions: { version: number; publishedAt: number; translated: boolean }[];
  current: number | null;
  /** The assembly's zone ([L34]): each time is written in it, with the zone's short name ([L83]). */
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const date = { format: (at: number) => formatInstant(i18n.language, at, timeZone, 'date-time', true) };
  return (
    <Card>
      <h2 className="text-xl font-black">{t('minutesTranslations.versions')}</h2>
      {versions.length === 0 ? (
        <p className="mt-2">{t('minutesTranslations.none')}</p>
      ) : (
        <ul className="mt-3 grid gap-2" data-testid="translation-versions">
          {[...versions].reverse().map((v) => (
            <li key={v.version} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border-2 border-stone-300 p-3" data-version={v.version}>
              <span className="grid">
                <span className="font-bold">{t('minutes.versionOf', { version: v.version, date: date.format(v.publishedAt) })}</span>
                <span className={v.translated ? 'text-green-800' : 'text-stone-700'} data-testid="translation-state">
                  {t(v.translated ? 'minutesTranslations.translated' : 'minutesTranslations.notTranslated')}
                </span>
              </span>
              <a
                href={`/a/${assemblyId}/interpret/minutes?v=${v.version}`}
                aria-current={v.version === current ? 'page' : undefined}
                className="inline-flex min-h-11 items-center rounded-lg border-2 border-stone-950 px-4 font-bold"
              >
                {t(v.translated ? 'minutesTranslations.edit' : 'minutesTranslations.translate', { version: v.version })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
