import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerNow } from '~/collab/use-server-now';
import { remainingMs, type TimerState } from '~/model/timers';
import { TimerDisplay } from './timer-display';

/** Where a turn stands, for announcing: only these changes are said aloud. */
type Stage = 'running' | 'last-minute' | 'over';

const stageOf = (timer: TimerState, now: number): Stage => {
  const left = remainingMs(timer, now);
  if (left < 0) return 'over';
  return left <= 60_000 && timer.durationMs > 60_000 ? 'last-minute' : 'running';
};

/**
 * The speaker's timer on a phone ([K13]), on the same server-anchored clock as the projector.
 * It is a `timer` (not live): a screen reader reads it when asked, and is told politely only
 * when a minute is left and when the time is up — never a tick a second.
 */
export function SpeakerTimerPhone({ timer }: { timer: TimerState | null }) {
  const { t } = useTranslation();
  const now = useServerNow(1000);
  const [said, setSaid] = useState('');
  const last = useRef<Stage | null>(null);
  const shown = timer && (timer.startedAt !== null || timer.elapsedMs > 0) ? timer : null;
  useEffect(() => {
    if (!shown || now === null) return;
    const stage = stageOf(shown, now);
    const before = last.current;
    last.current = stage;
    // What the page opened on is not news, and a new turn starts quiet.
    if (!before || before === stage) return;
    if (stage === 'over') setSaid(t('timer.speakerOver'));
    else if (stage === 'last-minute' && before === 'running') setSaid(t('timer.speakerLastMinute'));
  }, [shown, now, t]);
  if (!shown) return null;
  return (
    <div className="mt-3">
      <div role="timer" aria-label={t('timer.speakerTime')} data-testid="phone-speaker-timer">
        <TimerDisplay timer={shown} name="speaker" label={t('timer.speakerTime')} size="phone" />
      </div>
      <p className="sr-only" aria-live="polite" data-testid="speaker-announcement">
        {said}
      </p>
    </div>
  );
}
