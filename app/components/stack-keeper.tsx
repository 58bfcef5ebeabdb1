import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '~/i18n/react';
import type * as Y from 'yjs';
import { serverNow } from '~/collab/use-server-now';
import { useUndo } from '~/collab/use-undo';
import { useDocValue } from '~/collab/use-y';
import {
  entriesMap,
  history,
  MAX_NAME,
  moveEntry,
  namesSeen,
  nextSpeaker,
  PROGRESSIVE,
  raiseHand,
  readStack,
  setSettings,
  setStackClosed,
  StackError,
  stackMap,
  withdraw,
  type EntryKind,
  type StackView,
} from '~/model/stack';
import { formatDuration, type TimerState } from '~/model/timers';
import { TimerControls } from './timer-controls';
import { entryName } from './entry-name';
import { Button } from './ui/button';
import { Card } from './ui/card';
import { Select } from './ui/field';

/** The keys 1–5 pick a kind while typing a name (names have no digits). */
const KIND_KEYS: EntryKind[] = ['speak', 'direct', 'clarify', 'info', 'process'];
const KEEP = Symbol('stack-keeper');

/**
 * The stack-keeper's screen, keyboard first: type a name, press 1–5 for the kind if it is not
 * "to speak", Enter to add; Enter on the empty field calls the next speaker; Ctrl+Z undoes.
 */
export function StackKeeper({
  doc,
  stack,
  speakerTimer,
  itemTitle,
}: {
  doc: Y.Doc;
  stack: StackView;
  speakerTimer: TimerState | null;
  itemTitle: string | null;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<EntryKind>('speak');
  /** Arrow keys move the choice within the kind radios (and focus with it), as a radio group does. */
  const onKindArrow = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    // In a right-to-left page the arrow keys point the other way along the row.
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl' && (event.key === 'ArrowRight' || event.key === 'ArrowLeft');
    const at = KIND_KEYS.indexOf(kind);
    const next = KIND_KEYS[(at + (rtl ? -step : step) + KIND_KEYS.length) % KIND_KEYS.length];
    setKind(next);
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-kind="${next}"]`)?.focus();
  };
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const { undo, canUndo } = useUndo(doc, (d) => [entriesMap(d), stackMap(d)], KEEP);
  const spoken = useDocValue(doc, history);
  const seen = useDocValue(doc, namesSeen);

  const keep = (fn: () => void): boolean => {
    try {
      doc.transact(fn, KEEP);
      setError(null);
      return true;
    } catch (err) {
      if (!(err instanceof StackError)) throw err;
      setError(`stack.errors.${err.code}`);
      return false;
    }
  };

  const next = () => {
    let called: string | null = null;
    keep(() => (called = nextSpeaker(doc, serverNow())));
    // Read back through the model, which reads any shape safely.
    const speaker = called ? readStack(doc).speaker?.name : null;
    setSaid(speaker ? t('stack.called', { name: speaker }) : t('stack.emptyNow'));
  };

  const add = () => {
    const added = keep(() => raiseHand(doc, { name, kind }, serverNow()));
    if (!added) return;
    setSaid(t('stack.added', { name: name.trim(), kind: t(`stack.kinds.${kind}`) }));
    setName('');
    setKind('speak');
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const digit = Number(e.key);
    if (Number.isInteger(digit) && digit >= 1 && digit <= KIND_KEYS.length && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setKind(KIND_KEYS[digit - 1]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (e.repeat) return;
      if (name.trim()) add();
      else next();
    } else if (e.key === 'Escape') {
      setName('');
      setKind('speak');
    } else if (e.key === 'z' && (e.ctrlKey || e.metaKey) && !name) {
      e.preventDefault();
      undo();
      setSaid(t('stack.undone'));
    }
  };

  const leftOf = (e: StackView['queue'][number]) => t('stack.place', { place: stack.queue.indexOf(e) + 1 });

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="grid gap-6">
        <Card aria-labelledby="add-heading">
          <h2 id="add-heading" className="text-xl font-black">
            {t('stack.addHand')}
            {itemTitle ? <span className="ms-2 text-base font-semibold text-stone-700">· {itemTitle}</span> : null}
          </h2>
          <label htmlFor="hand" className="mt-2 block font-bold">
            {t('stack.name')}
          </label>
          <input
            ref={input}
            id="hand"
            autoFocus
            autoComplete="off"
            list="names-seen"
            value={name}
            maxLength={MAX_NAME}
            onChange={(e) => setName(e.target.value.replace(/[1-5]/g, ''))}
            onKeyDown={onKey}
            aria-describedby="hand-keys"
            className="mt-1 block min-h-14 w-full rounded-lg border-2 border-stone-500 px-3 text-2xl focus:border-stone-950"
          />
          <datalist id="names-seen">
            {seen.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          {/* The radios carry the tab stop (a roving tabindex, [N10]); the group itself is not focusable. */}
          {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus */}
          <div className="mt-3 flex flex-wrap gap-2" role="radiogroup" aria-label={t('stack.kind')} onKeyDown={onKindArrow}>
            {KIND_KEYS.map((k, i) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={kind === k}
                // One tab stop for the group; arrows move within it ([N10]).
                tabIndex={kind === k ? 0 : -1}
                data-kind={k}
                onClick={() => (setKind(k), input.current?.focus())}
                className={`min-h-11 rounded-lg border-2 px-3 font-bold ${kind === k ? 'border-stone-950 bg-stone-950 text-white' : 'border-stone-400 bg-white'}`}
              >
                {/* Selection shown by a mark as well as colour (forced colours drop backgrounds). */}
                {kind === k ? <span aria-hidden="true">✓ </span> : null}
                <kbd className="me-1 font-mono">{i + 1}</kbd> {t(`stack.kinds.${k}`)}
              </button>
            ))}
          </div>
          <p id="hand-keys" className="mt-2 text-sm text-stone-700">
            {t('stack.keys')}
          </p>
          {stack.closed ? <p className="mt-2 font-semibold">{t('stack.closedNotice')}</p> : null}
          {error ? (
            <p role="alert" className="mt-2 font-semibold text-red-800">
              {t(error)}
            </p>
          ) : null}
          <p aria-live="polite" className="sr-only" data-testid="keeper-said">
            {said}
          </p>
        </Card>

        <Card aria-labelledby="speaking-heading">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <h2 id="speaking-heading" className="text-sm font-bold uppercase text-stone-700">
                {t('stack.nowSpeaking')}
              </h2>
              <p className="text-3xl font-black" data-testid="keeper-speaker">
                {stack.speaker ? entryName(t, stack.speaker) : t('stack.nobody')}
              </p>
              {stack.speaker && stack.speaker.kind !== 'speak' ? <p className="font-semibold">{t(`stack.kinds.${stack.speaker.kind}`)}</p> : null}
            </div>
            <div className="flex flex-wrap gap-2">
              <Button onClick={(e) => e.detail <= 1 && next()} data-testid="next-speaker">
                {t('stack.next')}
              </Button>
              <Button variant="secondary" onClick={() => (undo(), setSaid(t('stack.undone')))} disabled={!canUndo}>
                {t('agenda.undo')}
              </Button>
            </div>
          </div>
          <div className="mt-3">
            <TimerControls doc={doc} name="speaker" timer={speakerTimer} label={t('timer.speaker')} resetMs={stack.settings.speakerSeconds * 1000} />
          </div>
        </Card>

        <Card aria-labelledby="queue-heading">
          <h2 id="queue-heading" className="text-xl font-black">
            {t('stack.waiting', { count: stack.queue.length })}
          </h2>
          {stack.queue.length === 0 ? <p className="mt-2 text-stone-700">{t('stack.empty')}</p> : null}
          <ol className="mt-2 divide-y-2 divide-stone-200" data-testid="keeper-queue">
            {stack.queue.map((e, i) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2 py-2" data-entry={e.id}>
                <span className="w-6 text-end font-mono">{i + 1}</span>
                <span dir="auto" className="min-w-0 flex-1 text-lg font-bold" data-testid="queue-name">
                  {entryName(t, e)}
                </span>
                {e.kind !== 'speak' ? <span className="rounded bg-stone-200 px-2 text-sm font-semibold">{t(`stack.kinds.${e.kind}`)}</span> : null}
                {e.moved ? <span className="rounded bg-amber-200 px-2 text-sm font-semibold">{t('stack.moved')}</span> : null}
                {e.owner ? <span className="text-sm text-stone-700">{t('stack.fromPhone')}</span> : null}
                <span className="flex gap-1">
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={i === 0}
                    onClick={() => keep(() => moveEntry(doc, e.id, i - 1))}
                    aria-label={t('stack.moveUp', { name: e.name, place: leftOf(e) })}
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={i === stack.queue.length - 1}
                    onClick={() => keep(() => moveEntry(doc, e.id, i + 1))}
                    aria-label={t('stack.moveDown', { name: e.name, place: leftOf(e) })}
                  >
                    ↓
                  </Button>
                  <Button size="sm" variant="danger" onClick={() => keep(() => withdraw(doc, e.id))} aria-label={t('stack.removeNamed', { name: e.name })}>
                    {t('stack.remove')}
                  </Button>
                </span>
              </li>
            ))}
          </ol>
        </Card>
      </div>

      <div className="grid gap-6">
        <Card aria-labelledby="settings-heading">
          <h2 id="settings-heading" className="text-xl font-black">
            {t('stack.settings')}
          </h2>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Button variant={stack.closed ? 'primary' : 'secondary'} onClick={() => keep(() => setStackClosed(doc, !stack.closed))} data-testid="toggle-closed">
              {stack.closed ? t('stack.open') : t('stack.close')}
            </Button>
          </div>
          <label htmlFor="progressive" className="mt-4 block font-bold">
            {t('stack.progressive')}
          </label>
          <Select
            id="progressive"
            value={stack.settings.progressive}
            onChange={(e) => keep(() => setSettings(doc, { progressive: e.target.value as StackView['settings']['progressive'] }))}
          >
            {PROGRESSIVE.map((p) => (
              <option key={p} value={p}>
                {t(`stack.progressiveModes.${p}`)}
              </option>
            ))}
          </Select>
          <label htmlFor="speaker-minutes" className="mt-4 block font-bold">
            {t('stack.speakerTime')}
          </label>
          <Select
            id="speaker-minutes"
            value={String(stack.settings.speakerSeconds)}
            onChange={(e) => keep(() => setSettings(doc, { speakerSeconds: Number(e.target.value) }))}
          >
            {[30, 60, 90, 120, 180, 240, 300].map((s) => (
              <option key={s} value={s}>
                {t('stack.seconds', { time: formatDuration(s * 1000) })}
              </option>
            ))}
          </Select>
          <label className="mt-4 flex min-h-11 items-center gap-3 font-bold">
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={stack.settings.hideNames}
              onChange={(e) => keep(() => setSettings(doc, { hideNames: e.target.checked }))}
            />
            {t('stack.hideNames')}
          </label>
        </Card>

        <Card aria-labelledby="history-heading">
          <h2 id="history-heading" className="text-xl font-black">
            {t('stack.history')}
          </h2>
          {spoken.length === 0 ? (
            <p className="mt-2 text-stone-700">{t('stack.noHistory')}</p>
          ) : (
            <table className="mt-2 w-full text-start" data-testid="history">
              <thead>
                <tr className="text-sm uppercase text-stone-700">
                  <th className="py-1">{t('stack.name')}</th>
                  <th className="py-1 text-end">{t('stack.times')}</th>
                  <th className="py-1 text-end">{t('stack.total')}</th>
                </tr>
              </thead>
              <tbody>
                {spoken.map((h) => (
                  <tr key={h.name} className="border-t-2 border-stone-200">
                    <td className="py-1 font-semibold">{h.name}</td>
                    <td className="py-1 text-end font-mono">{h.times}</td>
                    <td className="py-1 text-end font-mono">{formatDuration(h.totalMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </div>
  );
}
