/**
 * Item and speaker timers in the plenary document (`timers` map). A timer is stored as
 * server-anchored instants, never as a ticking number: every screen computes the remaining
 * time from the same instants and its own estimate of the server's clock, so all agree.
 */
import * as Y from 'yjs';
import { asMap, instant, within } from './shape.js';
import { stamp } from './stamp.js';

export type TimerName = 'item' | 'speaker';

export interface TimerState {
  /** Planned length in ms. */
  durationMs: number;
  /** Server time the current run started, or null when paused or never started. */
  startedAt: number | null;
  /** Time already run before the current run (pauses). */
  elapsedMs: number;
}

const TIMERS = 'timers';
export const timersMap = (doc: Y.Doc) => doc.getMap<unknown>(TIMERS);

export function readTimer(doc: Y.Doc, name: TimerName): TimerState | null {
  const map = asMap(timersMap(doc).get(name));
  if (!map) return null;
  // A day either way is beyond any real timer; past it a value is a forgery or a bug.
  return {
    durationMs: within(map.get('durationMs'), 0, MAX_TIMER_MS) ?? 0,
    startedAt: instant(map.get('startedAt')),
    elapsedMs: within(map.get('elapsedMs'), 0, MAX_TIMER_MS) ?? 0,
  };
}

/** Longest duration or elapsed time a timer reads (a week): a bound, not a rule. */
export const MAX_TIMER_MS = 7 * 24 * 3600_000;

function timerMap(doc: Y.Doc, name: TimerName): Y.Map<unknown> {
  let map = asMap(timersMap(doc).get(name));
  if (!map) {
    map = new Y.Map();
    timersMap(doc).set(name, map);
  }
  return map;
}

/**
 * Sets the timer to `durationMs` with nothing used. Without `now` it is left stopped (a new item,
 * a new speaker). With `now` (a facilitator's "Reset" press, [T5]) a running timer keeps running
 * from the full length, started at `now`, and a paused one stays paused: a reset mid-speech must
 * not silently stop the clock the room is watching.
 */
export function resetTimer(doc: Y.Doc, name: TimerName, durationMs: number, now?: number): void {
  doc.transact(() => {
    const map = timerMap(doc, name);
    const running = now !== undefined && typeof map.get('startedAt') === 'number';
    map.set('durationMs', Math.max(0, durationMs));
    map.set('startedAt', running ? stamp(now) : null);
    map.set('elapsedMs', 0);
  });
}

/** Starts or resumes at server time `now`; a running timer is left as it is. */
export function startTimer(doc: Y.Doc, name: TimerName, now: number): void {
  now = stamp(now);
  doc.transact(() => {
    const map = timerMap(doc, name);
    if (typeof map.get('startedAt') === 'number') return;
    map.set('startedAt', now);
  });
}

/** Pauses at server time `now`, keeping what has run. */
export function pauseTimer(doc: Y.Doc, name: TimerName, now: number): void {
  now = stamp(now);
  doc.transact(() => {
    const t = readTimer(doc, name);
    if (!t || t.startedAt === null) return;
    const map = timerMap(doc, name);
    map.set('elapsedMs', t.elapsedMs + Math.max(0, now - t.startedAt));
    map.set('startedAt', null);
  });
}

export function addTime(doc: Y.Doc, name: TimerName, ms: number): void {
  doc.transact(() => {
    const t = readTimer(doc, name);
    timerMap(doc, name).set('durationMs', Math.max(0, (t?.durationMs ?? 0) + ms));
  });
}

/** Milliseconds left at server time `now`; negative once over time. */
export function remainingMs(timer: TimerState, now: number): number {
  const running = timer.startedAt === null ? 0 : Math.max(0, now - timer.startedAt);
  return timer.durationMs - timer.elapsedMs - running;
}

/** "4:05", "-1:30" (over time), "1:02:03" past an hour. */
export function formatRemaining(ms: number): string {
  const negative = ms < 0;
  // Count down in whole seconds that change on the second, the way a wall clock does.
  const body = clock(negative ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000));
  return negative ? `-${body}` : body;
}

/** A length of time already spent, in whole seconds: "2:05", "1:02:03". */
export function formatDuration(ms: number): string {
  return clock(Math.floor(Math.max(0, ms) / 1000));
}

function clock(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}
