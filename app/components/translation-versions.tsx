/**
 * The published versions of the minutes on the interpreter's page, each translated into their
 * language or "not translated yet" ([L61]): a translation belongs to the version it was made
 * from, so a newer version starts untranslated.
 */
import { useTranslation } from '~/i18n/react';
import { Card } from './ui/card';

export function TranslationVersions({
  assemblyId,
  versions,
  current,
}: {
  assemblyId: string;
  versions: { version: number; publishedAt: number; translated: boolean }[];
  current: number | null;
}) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
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
                <span className="font-bold">{t('minutes.versionOf', { version: v.version, date: date.format(new Date(v.publishedAt)) })}</span>
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
