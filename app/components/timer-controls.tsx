import { useState } from 'react';
import { useTranslation } from '~/i18n/react';
import type * as Y from 'yjs';
import { serverNow } from '~/collab/use-server-now';
import { addTime, formatRemaining, pauseTimer, resetTimer, startTimer, type TimerName, type TimerState } from '~/model/timers';
import { Button } from './ui/button';
import { TimerDisplay } from './timer-display';

/** Start / pause / resume, add a minute, reset: every press stamped with the server's time. */
export function TimerControls({
  doc,
  name,
  timer,
  label,
  resetMs,
  disabled = false,
  compact = false,
}: {
  doc: Y.Doc;
  name: TimerName;
  timer: TimerState | null;
  label: string;
  /** What reset sets the timer to (the item's planned length, the speaker's time). */
  resetMs: number;
  /** No item to time (before the first, after the last). */
  disabled?: boolean;
  /** In the console's sticky strip: tighter, smaller buttons below the side-column width. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const running = timer?.startedAt != null;
  const size = compact ? 'sm' : 'md';
  const used = timer ? timer.elapsedMs > 0 : false;
  // What the last reset did, said aloud: a reset never changes whether the clock runs ([T5]).
  const [said, setSaid] = useState('');
  const reset = () => {
    resetTimer(doc, name, resetMs, serverNow());
    setSaid(t(running ? 'timer.resetRunning' : 'timer.resetPaused', { time: formatRemaining(resetMs) }));
  };
  const start = () => {
    if (!timer) resetTimer(doc, name, resetMs);
    startTimer(doc, name, serverNow());
  };
  return (
    <div
      className={`flex flex-wrap justify-between rounded-lg border-2 border-stone-300 ${compact ? 'items-center gap-2 p-2' : 'items-end gap-3 p-3'}`}
      role="group"
      aria-label={label}
    >
      {timer ? (
        <TimerDisplay timer={timer} name={name} label={label} size={compact ? 'strip' : 'console'} className={compact ? 'flex-[1_1_6rem]' : ''} />
      ) : (
        <p className="text-sm font-bold uppercase" data-testid={`${name}-timer`}>
          {label}
        </p>
      )}
      <div className={`flex flex-wrap ${compact ? 'flex-nowrap gap-1.5 whitespace-nowrap' : 'gap-2'}`}>
        {running ? (
          <Button size={size} onClick={() => pauseTimer(doc, name, serverNow())} disabled={disabled}>
            {t('timer.pause')}
          </Button>
        ) : (
          <Button size={size} onClick={start} disabled={disabled}>
            {used ? t('timer.resume') : t('timer.start')}
          </Button>
        )}
        <Button size={size} variant="secondary" onClick={() => addTime(doc, name, 60_000)} disabled={disabled || !timer}>
          {t('timer.addMinute')}
        </Button>
        <Button size={size} variant="secondary" onClick={reset} disabled={disabled}>
          {t('timer.reset')}
        </Button>
      </div>
      <p aria-live="polite" className="sr-only" data-testid={`${name}-timer-said`}>
        {said}
      </p>
    </div>
  );
}
