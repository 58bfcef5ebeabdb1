import { useFetcher } from '@remix-run/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from '~/i18n/react';
import { errorText } from '~/i18n/error-text';
import type * as Y from 'yjs';
import { useDoc } from '~/collab/use-doc';
import { serverNow } from '~/collab/use-server-now';
import { useY } from '~/collab/use-y';
import {
  ASSIGNMENTS,
  BreakoutError,
  broadcast,
  extendRound,
  planRound,
  startRound,
  tablesFor,
  type Assignment,
  type Round,
  type Table,
} from '~/model/breakouts';
import { fragmentLength, fragmentToText, notesFragment, reportFragment } from '~/model/notes';
import { ConfirmButton } from './confirm-button';
import { questionText } from './confirm-prompt';
import { RoundStatus } from './round-status';
import { TableMoves } from './table-moves';
import { Button } from './ui/button';
import { Field, Input, Select } from './ui/field';

/**
 * The facilitator's breakout round for the current item: plan it (prompts, length, how people
 * find their table), start it, message every table, extend, end; and watch every table live.
 */
export function BreakoutPanel({ doc, assemblyId, itemId, round }: { doc: Y.Doc; assemblyId: string; itemId: string; round: Round | null }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const ender = useFetcher<{ ended?: number; error?: string }>();
  const linker = useFetcher<{ tableLinks?: { table: number; label: string; url: string; qr: string }[]; error?: string }>();
  const guard = (fn: () => void) => {
    try {
      fn();
      setError(null);
    } catch (err) {
      if (!(err instanceof BreakoutError)) throw err;
      setError(errorText(t, err));
    }
  };
  const send = (e: FormEvent) => {
    e.preventDefault();
    guard(() => broadcast(doc, itemId, message, serverNow()));
    setMessage('');
  };

  return (
    <div className="grid gap-4" data-testid="breakout-panel">
      {!round || round.status === 'planned' ? <PlanForm doc={doc} itemId={itemId} round={round} onError={setError} /> : null}
      {round ? (
        <div className="flex flex-wrap gap-2">
          {round.status === 'planned' ? <Button onClick={() => guard(() => startRound(doc, itemId, serverNow()))}>{t('round.start')}</Button> : null}
          {round.status === 'running' ? (
            <>
              <Button variant="secondary" onClick={() => guard(() => extendRound(doc, itemId, 5))}>
                {t('round.extend')}
              </Button>
              <ender.Form method="post">
                <input type="hidden" name="intent" value="end-round" />
                {/* "End the round of this item": a second press, or one from a stale screen, does nothing. */}
                <input type="hidden" name="itemId" value={itemId} />
                {/* Ending early asks first ([G6]): "End the round now? 3 tables still have 4:00 to go". */}
                <ConfirmButton
                  ask={() =>
                    round.endsAt !== null && round.endsAt > serverNow()
                      ? questionText(t, { intent: 'end-round', itemId, tables: round.tables.length, leftMs: round.endsAt - serverNow() })
                      : null
                  }
                  confirmLabel={t('confirm.endRoundYes')}
                  disabled={ender.state !== 'idle'}
                >
                  {t('round.end')}
                </ConfirmButton>
              </ender.Form>
            </>
          ) : null}
          <linker.Form method="post">
            <input type="hidden" name="intent" value="table-links" />
            <Button type="submit" variant="secondary" disabled={linker.state !== 'idle'}>
              {t('round.makeLinks')}
            </Button>
          </linker.Form>
        </div>
      ) : null}
      {error || ender.data?.error || linker.data?.error ? (
        <p role="alert" className="font-semibold text-red-800">
          {error ?? t(ender.data?.error ?? linker.data!.error!)}
        </p>
      ) : null}
      {ender.data?.ended !== undefined ? (
        <p role="status" className="font-semibold" data-testid="round-ended">
          {t('round.endedWith', { count: ender.data.ended })}
        </p>
      ) : null}
      {round && round.status !== 'planned' ? <RoundStatus round={round} /> : null}
      {round?.status === 'running' ? (
        <form onSubmit={send} className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="round-message" className="font-bold">
              {t('round.message')}
            </label>
            <Input id="round-message" value={message} maxLength={200} onChange={(e) => setMessage(e.target.value)} placeholder={t('round.messageExample')} />
          </div>
          <Button type="submit" disabled={!message.trim()}>
            {t('round.send')}
          </Button>
        </form>
      ) : null}
      {linker.data?.tableLinks ? <TableLinks links={linker.data.tableLinks} /> : null}
      {round && round.status !== 'planned' ? (
        <div className="grid gap-3 sm:grid-cols-2" data-testid="table-tiles">
          {round.tables.map((table) => (
            <TableTile key={table.id} assemblyId={assemblyId} round={round} table={table} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function PlanForm({ doc, itemId, round, onError }: { doc: Y.Doc; itemId: string; round: Round | null; onError: (e: string | null) => void }) {
  const { t } = useTranslation();
  const [assignment, setAssignment] = useState<Assignment>(round?.assignment ?? 'count-off');
  const [people, setPeople] = useState('');
  const [size, setSize] = useState('8');
  // The round as it was when this form opened: a field left as it was takes the live value, so a
  // second facilitator's change in the meantime is not overwritten.
  const [opened] = useState(round);
  const save = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const labels = String(form.get('labels') ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const count = Number(form.get('tables'));
    const tables =
      assignment === 'topic' || assignment === 'language'
        ? labels.map((label) => ({ label }))
        : Array.from({ length: Number.isInteger(count) ? count : 0 }, () => ({ label: '' }));
    const typed = {
      prompts: String(form.get('prompts') ?? '')
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
      minutes: Number(form.get('minutes')),
      assignment,
      tables,
    };
    const same = <T,>(a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);
    const before = opened && {
      prompts: opened.prompts,
      minutes: opened.minutes,
      assignment: opened.assignment,
      tables: opened.tables.map((x) => ({ label: x.label })),
    };
    const live = round && {
      prompts: round.prompts,
      minutes: round.minutes,
      assignment: round.assignment,
      tables: round.tables.map((x) => ({ label: x.label })),
    };
    const pick = <K extends keyof typeof typed>(k: K) => (before && live && same(typed[k], before[k]) ? live[k] : typed[k]);
    try {
      planRound(doc, itemId, { prompts: pick('prompts'), minutes: pick('minutes'), assignment: pick('assignment'), tables: pick('tables') });
      onError(null);
    } catch (err) {
      if (!(err instanceof BreakoutError)) throw err;
      onError(errorText(t, err));
    }
  };
  const suggested = tablesFor(Number(people), Number(size));
  return (
    <form onSubmit={save} noValidate className="grid gap-x-4 sm:grid-cols-2" data-testid="round-form">
      <div className="sm:col-span-2">
        <Field id="round-prompts" label={t('round.prompts')} hint={t('round.promptsHint')}>
          {({ id, describedBy }) => (
            <textarea
              dir="auto"
              id={id}
              name="prompts"
              rows={3}
              defaultValue={round?.prompts.join('\n') ?? ''}
              aria-describedby={describedBy}
              className="mt-1 block w-full rounded-lg border-2 border-stone-500 px-3 py-2 text-lg"
            />
          )}
        </Field>
      </div>
      <Field id="round-minutes" label={t('round.minutes')}>
        {({ id }) => <Input id={id} name="minutes" inputMode="numeric" defaultValue={String(round?.minutes ?? 20)} />}
      </Field>
      <Field id="round-assignment" label={t('round.assignment')}>
        {({ id }) => (
          <Select id={id} value={assignment} onChange={(e) => setAssignment(e.target.value as Assignment)}>
            {ASSIGNMENTS.map((a) => (
              <option key={a} value={a}>
                {t(`round.assignments.${a}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {assignment === 'topic' || assignment === 'language' ? (
        <div className="sm:col-span-2">
          <Field id="round-labels" label={t(assignment === 'topic' ? 'round.topics' : 'round.languages')} hint={t('round.labelsHint')}>
            {({ id, describedBy }) => (
              <textarea
                dir="auto"
                id={id}
                name="labels"
                rows={4}
                defaultValue={round?.tables.map((x) => x.label).join('\n') ?? ''}
                aria-describedby={describedBy}
                className="mt-1 block w-full rounded-lg border-2 border-stone-500 px-3 py-2 text-lg"
              />
            )}
          </Field>
        </div>
      ) : (
        <>
          <Field id="round-people" label={t('round.peopleExpected')} hint={people ? t('round.peopleHint', { count: suggested }) : t('round.peopleHintEmpty')}>
            {({ id, describedBy }) => (
              <Input id={id} inputMode="numeric" value={people} onChange={(e) => setPeople(e.target.value)} aria-describedby={describedBy} />
            )}
          </Field>
          <Field id="round-size" label={t('round.size')}>
            {({ id }) => <Input id={id} inputMode="numeric" value={size} onChange={(e) => setSize(e.target.value)} />}
          </Field>
          <Field id="round-tables" label={t('round.tables')}>
            {({ id }) => (
              <Input
                id={id}
                name="tables"
                inputMode="numeric"
                key={people ? suggested : 'fixed'}
                defaultValue={String(people ? suggested : (round?.tables.length ?? 4))}
              />
            )}
          </Field>
        </>
      )}
      <div className="sm:col-span-2">
        <Button type="submit" variant="secondary">
          {round ? t('round.update') : t('round.plan')}
        </Button>
      </div>
    </form>
  );
}

/** One table, live: is a note-taker there, how much is written, the report-back so far. */
function TableTile({ assemblyId, round, table }: { assemblyId: string; round: Round; table: Table }) {
  const { t } = useTranslation();
  const members = round.members.filter((m) => m.tableId === table.id);
  const people = members.length;
  const { doc, provider } = useDoc(`${assemblyId}/breakout/${table.id}`, '', { presence: true });
  const written = useY(notesFragment(doc), fragmentLength);
  const report = useY(reportFragment(doc), fragmentToText);
  const noteTakers = useNoteTakers(provider);
  return (
    <section className="rounded-lg border-2 border-stone-300 p-3" data-testid={`tile-${table.id}`} aria-label={t('breakout.table', { number: table.number })}>
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-lg font-black">
          {t('breakout.table', { number: table.number })}
          {table.label ? ` · ${table.label}` : ''}
        </h3>
        <a className="text-sm font-bold underline" href={`/a/${assemblyId}/breakout/${table.id}`}>
          {t('round.open')}
        </a>
      </div>
      <p className={`text-sm font-semibold ${noteTakers > 0 ? 'text-green-800' : 'text-red-800'}`} data-testid="tile-note-takers">
        {noteTakers > 0 ? t('round.noteTakers', { count: noteTakers }) : t('round.noNoteTaker')}
      </p>
      <p className="text-sm" data-testid="tile-written">
        {t('round.written', { count: written })} · {t('round.people', { count: people })}
      </p>
      <p className="mt-1 line-clamp-3 whitespace-pre-wrap rounded bg-amber-50 p-2 text-sm" data-testid="tile-report">
        {report.trim() || t('breakout.nothingYet')}
      </p>
      <TableMoves round={round} table={table} />
    </section>
  );
}

/** Note-takers at this table now: the other writers present who said who they are (a `user`). */
function useNoteTakers(provider: ReturnType<typeof useDoc>['provider']): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!provider) return;
    const update = () => {
      let n = 0;
      provider.awareness.getStates().forEach((state, id) => {
        if (id !== provider.awareness.clientID && state.user) n++;
      });
      setCount(n);
    };
    provider.awareness.on('change', update);
    update();
    return () => provider.awareness.off('change', update);
  }, [provider]);
  return count;
}

function TableLinks({ links }: { links: { table: number; label: string; url: string; qr: string }[] }) {
  const { t } = useTranslation();
  return (
    <section className="rounded-lg border-4 border-amber-400 p-3" data-testid="table-links" aria-labelledby="table-links-heading">
      <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
        <h3 id="table-links-heading" className="font-black">
          {t('round.linksHeading')}
        </h3>
        <Button variant="secondary" onClick={() => window.print()}>
          {t('round.print')}
        </Button>
      </div>
      <p className="text-sm print:hidden">{t('round.linksHint')}</p>
      <div className="mt-3 grid gap-4 sm:grid-cols-2 print:grid-cols-2">
        {links.map((l) => (
          <div key={l.table} className="break-inside-avoid rounded-lg border-2 border-stone-300 p-3 text-center">
            <p className="text-2xl font-black">
              {t('breakout.table', { number: l.table })}
              {l.label ? ` · ${l.label}` : ''}
            </p>
            <p className="text-sm">{t('round.scanToTakeNotes')}</p>
            <div className="mx-auto mt-2 w-48" dangerouslySetInnerHTML={{ __html: l.qr }} />
            <p className="mt-2 break-all font-mono text-xs" data-testid="table-link">
              {l.url}
            </p>
          </div>
        ))}
      </div>
    </section>
  );
}
