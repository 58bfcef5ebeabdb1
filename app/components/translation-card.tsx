/**
 * One text the room typed, beside its translation into the interpreter's language ([L20]–[L24]).
 * A plain form without JavaScript; with it, saves go through a fetcher and the card keeps what the
 * interpreter typed until the server has it. What the interpreter started from (the original as
 * they read it, the translation they replaced) travels with the save, so a change meanwhile, by a
 * facilitator or another interpreter of the language, comes back as a 409 with both texts,
 * never a silent overwrite.
 */
import { useFetcher } from '@remix-run/react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from '~/i18n/react';
import { MAX_TRANSLATION, shown, type SourceText, type Translation } from '~/model/translations';
import type { TranslateAnswer } from '~/commands/translations.server';
import { Button } from './ui/button';

/** What the page's action answered (a save posted without JavaScript), with the text sent back. */
export type PageAnswer = TranslateAnswer & { mine?: string };

/** Which label a text gets; breakout questions are numbered from 1. */
export function kindLabel(t: (key: string, values?: Record<string, unknown>) => string, source: SourceText): string {
  if (source.kind === 'prompt') return t('interpret.kinds.prompt', { n: Number(source.key.split(':').pop()) + 1 });
  return t(`interpret.kinds.${source.kind}`);
}

interface Editing {
  text: string;
  /** The original as it was when the interpreter began. */
  from: string;
  /** The `at` of the translation being replaced ('' for none). */
  base: string;
}

export function TranslationCard({
  source,
  translation,
  language,
  languageName,
  dir,
  pageAnswer,
}: {
  source: SourceText;
  translation: Translation | null;
  language: string;
  languageName: string;
  dir: 'ltr' | 'rtl' | 'auto';
  /** The page's action answer when it was for this card (a save without JavaScript). */
  pageAnswer: PageAnswer | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const fetcher = useFetcher<PageAnswer>();
  const state = shown(source.text, translation).state;
  const sentBack = pageAnswer && pageAnswer.status !== 200 && typeof pageAnswer.mine === 'string' ? pageAnswer.mine : null;
  const [editing, setEditing] = useState<Editing | null>(() =>
    // Without JavaScript a refused save comes back as a new page: keep what was typed.
    sentBack !== null ? { text: sentBack, from: source.text, base: String(translation?.at ?? '') } : null,
  );
  // An answer the interpreter has dealt with (kept theirs, took the new original) stops showing.
  const [dismissed, setDismissed] = useState<PageAnswer | null>(null);
  const latest: PageAnswer | null = fetcher.data ?? pageAnswer;
  const answer = latest === dismissed ? null : latest;
  const saving = fetcher.state !== 'idle';

  // A save the server took: the document carries the translation from now on.
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.status === 200) setEditing(null);
  }, [fetcher.state, fetcher.data]);

  const value = editing?.text ?? translation?.text ?? '';
  const change = (text: string) => setEditing((e) => (e ? { ...e, text } : { text, from: source.text, base: String(translation?.at ?? '') }));
  const from = editing?.from ?? source.text;
  const base = editing?.base ?? String(translation?.at ?? '');
  const movedOn = editing !== null && editing.from !== source.text;
  const conflict = answer && answer.status === 409 && answer.error === 'interpret.errors.conflict' ? answer : null;

  const badge = {
    none: ['interpret.state.none', 'border-stone-500 text-stone-800'],
    current: ['interpret.state.current', 'border-emerald-800 text-emerald-900'],
    stale: ['interpret.state.stale', 'border-red-800 text-red-800'],
  }[state];

  return (
    <section
      aria-labelledby={`${id}-h`}
      id={`t-${source.key.replace(/[^A-Za-z0-9_-]/g, '-')}`}
      data-testid="translation-card"
      data-key={source.key}
      data-state={state}
      className="rounded-xl border-2 border-stone-300 bg-white p-4"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`${id}-h`} className="font-black">
          {kindLabel(t, source)}
        </h3>
        <span className={`rounded-full border-2 px-2 text-sm font-bold ${badge[1]}`} data-testid="translation-state">
          {t(badge[0])}
        </span>
      </div>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <div>
          <p className="text-sm font-bold text-stone-700">{t('interpret.original')}</p>
          <p id={`${id}-src`} dir="auto" className="mt-1 whitespace-pre-wrap break-words text-lg" data-testid="translation-source">
            {source.text}
          </p>
          {state === 'stale' && translation ? (
            <details className="mt-2">
              <summary className="cursor-pointer font-semibold underline underline-offset-4">{t('interpret.wasOriginal')}</summary>
              <p dir="auto" className="mt-1 whitespace-pre-wrap break-words text-stone-800">
                {translation.source}
              </p>
            </details>
          ) : null}
        </div>
        <fetcher.Form method="post" className="grid content-start gap-2">
          <input type="hidden" name="key" value={source.key} />
          <input type="hidden" name="from" value={from} />
          <input type="hidden" name="base" value={conflict ? String(conflict.theirsAt ?? '') : base} />
          <label htmlFor={`${id}-text`} className="text-sm font-bold text-stone-700">
            {t('interpret.yours', { language: languageName })}
          </label>
          <textarea
            id={`${id}-text`}
            name="text"
            lang={language}
            dir={dir}
            rows={source.kind === 'title' ? 2 : 4}
            maxLength={MAX_TRANSLATION}
            value={value}
            onChange={(e) => change(e.currentTarget.value)}
            aria-describedby={`${id}-src ${id}-status`}
            className="rounded-lg border-2 border-stone-500 p-3 text-lg"
          />
          <div id={`${id}-status`} role="status" className="font-semibold">
            <CardStatus answer={answer} saving={saving} movedOn={movedOn} editing={editing !== null} />
          </div>
          {movedOn || (answer?.status === 409 && answer.error === 'interpret.errors.sourceChanged') ? (
            <Button
              type="button"
              variant="secondary"
              size="sm"
              className="justify-self-start"
              onClick={() => {
                setDismissed(latest);
                setEditing((e) => ({ text: e?.text ?? value, from: source.text, base: e?.base ?? base }));
              }}
            >
              {t('interpret.useNewOriginal')}
            </Button>
          ) : null}
          {conflict ? (
            <div className="grid gap-1 rounded-lg border-2 border-red-800 bg-red-50 p-2" data-testid="translation-conflict">
              <p className="text-sm font-bold">{t('interpret.theirs')}</p>
              <p lang={language} dir={dir} className="whitespace-pre-wrap break-words">
                {conflict.theirs || t('interpret.theirsNone')}
              </p>
              <Button
                type="button"
                variant="secondary"
                size="sm"
                className="justify-self-start"
                onClick={() => {
                  setDismissed(latest);
                  setEditing(null);
                }}
              >
                {t('interpret.keepTheirs')}
              </Button>
            </div>
          ) : null}
          <Button type="submit" className="justify-self-start" disabled={saving || movedOn}>
            {t(conflict ? 'interpret.saveMine' : 'interpret.save')}
          </Button>
        </fetcher.Form>
      </div>
    </section>
  );
}

function CardStatus({ answer, saving, movedOn, editing }: { answer: PageAnswer | null; saving: boolean; movedOn: boolean; editing: boolean }) {
  const { t } = useTranslation();
  if (saving) return <span className="text-stone-700">{t('interpret.saving')}</span>;
  if (movedOn) return <span className="text-red-800">{t('interpret.errors.sourceChanged')}</span>;
  if (answer && answer.status !== 200) return <span className="text-red-800">{t(answer.error)}</span>;
  if (editing) return <span className="text-stone-700">{t('interpret.notSaved')}</span>;
  if (answer?.status === 200) return <span className="text-emerald-900">{t(answer.saved ? 'interpret.saved' : 'interpret.removed')}</span>;
  return null;
}
