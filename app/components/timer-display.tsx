import { useTranslation } from 'react-i18next';
import { useServerNow } from '~/collab/use-server-now';
import { formatRemaining, remainingMs, type TimerState } from '~/model/timers';

/** A countdown every screen agrees on: computed from server-time instants and this screen's offset. */
export function TimerDisplay({ timer, label, className = '' }: { timer: TimerState | null; label: string; className?: string }) {
  const { t } = useTranslation();
  const now = useServerNow();
  if (!timer) return null;
  // Before the clock is known (server render, first paint) a running timer shows its full length.
  const left = now === null ? timer.durationMs - timer.elapsedMs : remainingMs(timer, now);
  const over = left < 0;
  return (
    <div className={className} data-testid="item-timer" data-running={timer.startedAt !== null}>
      <p className="text-sm font-bold uppercase">{over ? t('timer.over') : label}</p>
      <p className={`font-mono font-black tabular-nums ${over ? 'text-red-600' : ''}`} data-testid="timer-value">
        {formatRemaining(left)}
      </p>
    </div>
  );
}
