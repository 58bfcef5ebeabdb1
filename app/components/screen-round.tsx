import { useTranslation } from 'react-i18next';
import { useDisplayNow } from '~/collab/use-server-now';
import type { Round } from '~/model/breakouts';
import { formatRemaining } from '~/model/timers';

/**
 * The round's own countdown, for the projector's timer column ([BR11]): during a round it is the
 * only countdown on the wall (the item's timer would say something else), counted from the
 * round's server-written end, on the same corrected clock as every other screen.
 */
export function RoundCountdown({ round }: { round: Round }) {
  const { t } = useTranslation();
  const now = useDisplayNow();
  if (round.endsAt === null) return null;
  const left = round.endsAt - (now ?? round.startedAt ?? round.endsAt);
  const over = left < 0;
  return (
    <div data-testid="round-countdown" data-over={over}>
      <p className="text-xl font-bold uppercase 2xl:text-3xl">
        {t('round.timeLeft')}
        {over ? <span className="ml-2 inline-block rounded bg-red-600 px-2 py-0.5 text-white">{t('timer.over')}</span> : null}
      </p>
      <p className={`font-mono text-8xl font-black leading-none tabular-nums 2xl:text-[10rem] ${over ? 'text-red-500' : ''}`} data-testid="round-left">
        {over ? `+${formatRemaining(-left)}` : formatRemaining(left)}
      </p>
    </div>
  );
}

/**
 * A running round on the projector ([BR11]): the message to every table, the questions large
 * enough to read from the back of the hall (they wrap; many or long ones step down a size rather
 * than run off the wall), and the tables.
 */
export function ScreenRound({ round }: { round: Round }) {
  const { t } = useTranslation();
  const words = round.prompts.reduce((n, p) => n + p.length, 0);
  // 2.75rem reads from the back of a hall at 1280 wide; a wall of text steps down, never below 2.25rem.
  const size = words > 360 || round.prompts.length > 4 ? 'text-[2.25rem] 2xl:text-6xl' : 'text-[2.75rem] 2xl:text-7xl';
  return (
    <div className="mt-4 border-t-4 border-stone-700 pt-4" data-testid="screen-round">
      {round.message ? (
        <p role="status" className="mb-4 break-words rounded-xl bg-amber-300 px-4 py-2 text-4xl font-black text-black 2xl:text-5xl" data-testid="round-message">
          {round.message}
        </p>
      ) : null}
      {round.prompts.length > 0 ? (
        <>
          <h2 className="text-2xl font-bold uppercase text-amber-300 2xl:text-3xl">{t('round.questions')}</h2>
          <ol className={`mt-2 grid list-decimal gap-3 pl-[1.3em] font-bold leading-tight marker:text-amber-300 ${size}`} data-testid="screen-prompts">
            {round.prompts.map((p, i) => (
              <li key={i} className="break-words pl-2">
                {p}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <ul className="mt-5 flex flex-wrap gap-2 text-2xl 2xl:text-3xl" data-testid="screen-tables" aria-label={t('round.tablesHeading')}>
        {round.tables.map((table) => (
          <li key={table.id} className="rounded-lg border-2 border-stone-600 px-3 py-1">
            <span className="font-black">{t('breakout.table', { number: table.number })}</span>
            {table.label ? <span className="text-stone-300"> · {table.label}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
