import type { ReactNode } from 'react';
import { useTranslation } from '~/i18n/react';
import { useDisplayNow } from '~/collab/use-server-now';
import { formatRemaining, remainingMs, type TimerName, type TimerState } from '~/model/timers';

/** How big: on a phone, on the console, on the projector (the main timer and the second one). */
const SIZES = {
  phone: { label: 'text-sm', value: 'text-4xl' },
  console: { label: 'text-sm', value: 'text-5xl' },
  /** The console's sticky strip: small on a phone, console-sized in the side column. */
  strip: { label: 'text-[0.65rem] leading-tight xl:text-xs', value: 'text-3xl xl:text-4xl' },
  room: { label: 'text-xl 2xl:text-3xl', value: 'text-8xl 2xl:text-[10rem] leading-none' },
  'room-second': { label: 'text-xl 2xl:text-2xl', value: 'text-6xl 2xl:text-8xl leading-none' },
} as const;

/**
 * A countdown every screen agrees on: computed from server-time instants and this screen's offset.
 * Over time is said in words as well as colour, and the count goes on upwards.
 */
export function TimerDisplay({
  timer,
  name,
  label,
  size,
  className = '',
  say,
}: {
  timer: TimerState | null;
  name: TimerName;
  label: ReactNode;
  size: keyof typeof SIZES;
  className?: string;
  /** Its words in other languages than the page's (the projector's, [L51]). */
  say?: (key: string) => ReactNode;
}) {
  const { t: pageT } = useTranslation();
  const t = say ?? pageT;
  const now = useDisplayNow();
  if (!timer) return null;
  // Without any clock (a page with no loader data) a running timer shows its full length.
  const left = now === null ? timer.durationMs - timer.elapsedMs : remainingMs(timer, now);
  const over = left < 0;
  const paused = timer.startedAt === null;
  return (
    <div className={className} data-testid={`${name}-timer`} data-running={!paused} data-over={over}>
      <p className={`font-bold uppercase ${SIZES[size].label}`}>
        {label}
        {paused && timer.elapsedMs > 0 ? <> · {t('timer.paused')}</> : ''}
        {over ? <span className="ms-2 inline-block rounded bg-red-600 px-2 py-0.5 text-white">{t('timer.over')}</span> : null}
      </p>
      <p className={`font-mono font-black tabular-nums ${SIZES[size].value} ${over ? 'text-red-600' : ''}`} data-testid="timer-value">
        {/* A clock reads left to right in every script: in an Arabic page "+1:30" would show as "1:30+" ([L87]). */}
        <span dir="ltr">{over ? `+${formatRemaining(-left)}` : formatRemaining(left)}</span>
      </p>
    </div>
  );
}
