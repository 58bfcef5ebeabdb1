/**
 * One published version of the minutes beside the interpreter's translation of it ([L62]): the
 * original read-only, the translation in a box, saved by a plain form (no JavaScript needed)
 * that names the revision it was based on. A stale save shows both texts, as the draft does.
 */
import { Form } from '@remix-run/react';
import { formatInstant } from '~/i18n/format';
import { useTranslation } from '~/i18n/react';
import type { MinutesTranslation } from '~/services';
import type { PickerLanguage } from './minutes-language-picker';
import { Button } from './ui/button';
import { Card } from './ui/card';
import { SaveConflict } from './save-conflict';

const BOX = 'min-h-64 w-full rounded-lg border-2 p-3 font-mono text-sm';

/** Another interpreter of this language saved first: their text, and how to choose. */
function TranslationConflict({ current, language, page }: { current: MinutesTranslation; language: PickerLanguage; page: string }) {
  const { t } = useTranslation();
  return (
    <SaveConflict
      testId="translation-conflict"
      alert={t('minutesTranslations.conflict')}
      hint={t('minutesTranslations.conflictHint')}
      theirs={current.markdown}
      theirsId="translation-current"
      theirsLabel={t('minutesTranslations.theirs')}
      useTheirsHref={page}
      useTheirsLabel={t('minutesTranslations.useTheirs')}
      lang={language.code}
      dir={language.dir}
    />
  );
}

export function MinutesTranslationForm({
  assemblyId,
  version,
  original,
  language,
  stored,
  text,
  conflict,
  maxLength,
  timeZone,
  error,
  busy,
}: {
  assemblyId: string;
  version: number;
  /** The published version's Markdown. */
  original: string;
  language: PickerLanguage;
  /** The translation as the server held it when the page was made. */
  stored: MinutesTranslation;
  /** What the box shows: the saved translation, or the interpreter's own text sent back. */
  text: string;
  conflict: MinutesTranslation | null;
  /** The most a translation may hold: the browser keeps to it, so nothing typed is refused. */
  maxLength: number;
  /** The assembly's zone ([L34]): the saved time is written in it, with the zone's short name ([L83]). */
  timeZone: string;
  error: string | null;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const page = `/a/${assemblyId}/interpret/minutes?v=${version}`;
  const date = { format: (at: number) => formatInstant(i18n.language, at, timeZone, 'date-time', true) };
  return (
    <Card className="grid gap-4">
      <h2 className="text-xl font-black">{t('minutes.version', { version })}</h2>
      {conflict ? <TranslationConflict current={conflict} language={language} page={page} /> : null}
      <Form method="post" action={page} className="grid gap-4 lg:grid-cols-2">
        <div className="grid content-start gap-1">
          <label htmlFor="translation-original" className="font-bold">
            {t('minutesTranslations.originalOf', { version })}
          </label>
          <textarea
            id="translation-original"
            readOnly
            dir="auto"
            rows={16}
            value={original}
            className={`${BOX} border-stone-300 bg-stone-50`}
            data-testid="translation-original"
          />
        </div>
        <div className="grid content-start gap-1">
          <label htmlFor="translation-text" className="font-bold">
            {t('minutesTranslations.label', { language: language.name })}
          </label>
          <textarea
            id="translation-text"
            name="markdown"
            rows={16}
            defaultValue={text}
            maxLength={maxLength}
            lang={language.code}
            dir={language.dir}
            aria-describedby="translation-hint"
            className={`${BOX} border-stone-500`}
          />
          <p id="translation-hint" className="text-sm text-stone-700">
            {t('minutesTranslations.emptyHint')}
          </p>
        </div>
        <input type="hidden" name="version" value={version} />
        {/* After a conflict, saving again is a choice to put this text over the one shown. */}
        <input type="hidden" name="revision" value={conflict ? conflict.revision : stored.revision} />
        <div className="grid gap-2 lg:col-span-2">
          <p role="status" data-testid="translation-status" data-status={stored.markdown === null ? 'none' : 'saved'} className="font-semibold text-stone-700">
            {stored.markdown === null || stored.updatedAt === null
              ? t('minutesTranslations.notTranslated')
              : t('minutesTranslations.savedAt', { date: date.format(stored.updatedAt) })}
          </p>
          {error ? (
            <p role="alert" className="font-semibold text-red-800">
              {t(error)}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={busy}>
              {t(conflict ? 'minutesTranslations.saveMine' : 'minutesTranslations.save')}
            </Button>
            {stored.markdown !== null ? (
              <a
                href={`/a/${assemblyId}/minutes?v=${version}&lang=${encodeURIComponent(language.code)}`}
                className="inline-flex min-h-11 items-center font-bold underline underline-offset-4"
              >
                {t('minutesTranslations.readerView')}
              </a>
            ) : null}
          </div>
        </div>
      </Form>
    </Card>
  );
}
