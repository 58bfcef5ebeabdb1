import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTime, formatDuration, formatRemaining, pauseTimer, readTimer, remainingMs, resetTimer, startTimer } from '../../app/model/timers.js';

describe('timers', () => {
  it('[T1] start, pause, resume, add a minute, reset; over time is negative', () => {
    const doc = new Y.Doc();
    resetTimer(doc, 'speaker', 120_000);
    const t0 = 5_000_000;
    startTimer(doc, 'speaker', t0);
    startTimer(doc, 'speaker', t0 + 5_000); // already running: unchanged
    expect(remainingMs(readTimer(doc, 'speaker')!, t0 + 30_000)).toBe(90_000);
    pauseTimer(doc, 'speaker', t0 + 30_000);
    expect(remainingMs(readTimer(doc, 'speaker')!, t0 + 600_000)).toBe(90_000); // paused: frozen
    startTimer(doc, 'speaker', t0 + 600_000);
    addTime(doc, 'speaker', 60_000);
    expect(remainingMs(readTimer(doc, 'speaker')!, t0 + 600_000 + 150_000)).toBe(0);
    expect(remainingMs(readTimer(doc, 'speaker')!, t0 + 600_000 + 180_000)).toBe(-30_000);
    resetTimer(doc, 'speaker', 120_000);
    expect(readTimer(doc, 'speaker')).toEqual({ durationMs: 120_000, startedAt: null, elapsedMs: 0 });
  });

  it('[T5] reset while running restarts from the full length and keeps running; reset while paused stays paused', () => {
    const doc = new Y.Doc();
    resetTimer(doc, 'item', 600_000);
    const t0 = 9_000_000;
    startTimer(doc, 'item', t0);
    // Five minutes in, the facilitator resets: the room hears a fresh ten minutes, still counting.
    resetTimer(doc, 'item', 600_000, t0 + 300_000.4);
    expect(readTimer(doc, 'item')).toEqual({ durationMs: 600_000, startedAt: t0 + 300_000, elapsedMs: 0 });
    expect(remainingMs(readTimer(doc, 'item')!, t0 + 360_000)).toBe(540_000);
    // Paused, a reset is a fresh, paused timer.
    pauseTimer(doc, 'item', t0 + 360_000);
    resetTimer(doc, 'item', 600_000, t0 + 400_000);
    expect(readTimer(doc, 'item')).toEqual({ durationMs: 600_000, startedAt: null, elapsedMs: 0 });
    expect(remainingMs(readTimer(doc, 'item')!, t0 + 900_000)).toBe(600_000);
  });

  it('[T1] every copy computes the same remaining time from the same instants', () => {
    const a = new Y.Doc();
    resetTimer(a, 'item', 600_000);
    startTimer(a, 'item', 1_000);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(remainingMs(readTimer(b, 'item')!, 61_000)).toBe(remainingMs(readTimer(a, 'item')!, 61_000));
  });

  it('formats remaining time the way a wall clock counts', () => {
    expect(formatRemaining(120_000)).toBe('2:00');
    expect(formatRemaining(119_001)).toBe('2:00');
    expect(formatRemaining(59_000)).toBe('0:59');
    expect(formatRemaining(-1_500)).toBe('-0:01');
    expect(formatRemaining(-90_000)).toBe('-1:30');
    expect(formatRemaining(3_723_000)).toBe('1:02:03');
    expect(formatDuration(119_999)).toBe('1:59'); // time spent counts up in whole seconds
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });
});
