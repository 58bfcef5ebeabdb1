/**
 * The interpreter's desk ([L20]–[L25]): everything the room has typed, item by item in agenda
 * order (the announcement first, the current item marked), each beside its translation. Counts
 * say what is left; "Only what needs translating" hides the rest (a link, so it works without
 * JavaScript).
 */
import { Link, useSearchParams } from '@remix-run/react';
import type * as Y from 'yjs';
import { useDocValue } from '~/collab/use-y';
import { useTranslation } from '~/i18n/react';
import { readAgenda } from '~/model/agenda';
import { shown, sourceTexts, type SourceText, type Translation } from '~/model/translations';
import { TranslationCard, type PageAnswer } from './translation-card';
import { LiveControls } from './live-controls';
import type { ConnectionStatus } from '~/collab/use-doc';

interface Group {
  itemId: string | null;
  heading: string;
  sources: SourceText[];
}

function groups(doc: Y.Doc): Group[] {
  const titles = new Map(readAgenda(doc).map((i) => [i.id, i.title]));
  const out: Group[] = [];
  for (const source of sourceTexts(doc)) {
    let group = out.at(-1);
    if (!group || group.itemId !== source.itemId)
      out.push((group = { itemId: source.itemId, heading: source.itemId ? (titles.get(source.itemId) ?? '') : '', sources: [] }));
    group.sources.push(source);
  }
  return out;
}

export function InterpreterDesk({
  assemblyId,
  language,
  languageName,
  dir,
  doc,
  currentId,
  translations,
  status,
  answer,
  minutesVersions,
}: {
  assemblyId: string;
  language: string;
  languageName: string;
  dir: 'ltr' | 'rtl' | 'auto';
  doc: Y.Doc;
  currentId: string | null;
  translations: Map<string, Translation>;
  status: ConnectionStatus;
  answer: PageAnswer | null;
  minutesVersions: number;
}) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const onlyTodo = search.get('show') === 'todo';
  const all = useDocValue(doc, groups);
  const states = all.flatMap((g) => g.sources.map((s) => shown(s.text, translations.get(s.key)).state));
  const count = (state: string) => states.filter((s) => s === state).length;
  const todo = (s: SourceText) => shown(s.text, translations.get(s.key)).state !== 'current';
  const visible = onlyTodo ? all.map((g) => ({ ...g, sources: g.sources.filter(todo) })).filter((g) => g.sources.length > 0) : all;
  const answered = answer && 'key' in answer ? answer : null;

  return (
    <main className="mx-auto grid max-w-5xl gap-4 px-4 py-6">
      <LiveControls status={status}>
        <p className="text-stone-800">{t('interpret.intro', { language: languageName })}</p>
        <p className="font-bold" data-testid="translation-counts">
          {t('interpret.counts', { none: count('none'), stale: count('stale'), current: count('current') })}
        </p>
        <nav aria-label={t('interpret.filter')} className="flex flex-wrap gap-x-4 gap-y-2">
          <Link
            to="?"
            replace
            preventScrollReset
            aria-current={onlyTodo ? undefined : 'page'}
            className="font-bold underline underline-offset-4 aria-[current=page]:no-underline"
          >
            {t('interpret.showAll')}
          </Link>
          <Link
            to="?show=todo"
            replace
            preventScrollReset
            aria-current={onlyTodo ? 'page' : undefined}
            className="font-bold underline underline-offset-4 aria-[current=page]:no-underline"
          >
            {t('interpret.showTodo')}
          </Link>
          {minutesVersions > 0 ? (
            <Link to={`/a/${assemblyId}/interpret/minutes`} className="font-bold underline underline-offset-4">
              {t('interpret.minutesLink')}
            </Link>
          ) : null}
        </nav>
        {visible.length === 0 ? (
          <p className="rounded-xl border-2 border-stone-300 bg-white p-4" data-testid="translation-empty">
            {t(all.length === 0 ? 'interpret.nothingYet' : 'interpret.allDone')}
          </p>
        ) : null}
        {visible.map((group) => (
          <section key={group.itemId ?? 'announcement'} aria-labelledby={`g-${group.itemId ?? 'announcement'}`} className="grid gap-3">
            <h2 id={`g-${group.itemId ?? 'announcement'}`} className="mt-2 text-xl font-black">
              {group.itemId ? <span dir="auto">{group.heading}</span> : t('interpret.announcement')}
              {group.itemId && group.itemId === currentId ? (
                <span className="ms-2 rounded-full bg-stone-950 px-2 py-0.5 align-middle text-sm text-white">{t('interpret.now')}</span>
              ) : null}
            </h2>
            {group.sources.map((source) => (
              <TranslationCard
                key={source.key}
                source={source}
                translation={translations.get(source.key) ?? null}
                language={language}
                languageName={languageName}
                dir={dir}
                pageAnswer={answered?.key === source.key ? answered : null}
              />
            ))}
          </section>
        ))}
      </LiveControls>
    </main>
  );
}
