import { useTranslation } from '~/i18n/react';
import { useDisplayNow } from '~/collab/use-server-now';
import type { Round } from '~/model/breakouts';
import { formatRemaining } from '~/model/timers';
import { promptKey, roundMessageKey } from '~/model/translations';
import { Translated } from './translated';

/** A breakout round as every table sees it: the message to all tables, time left, the prompts. */
export function RoundStatus({ round, size = 'phone' }: { round: Round; size?: 'phone' | 'room' }) {
  const { t } = useTranslation();
  const now = useDisplayNow();
  const left = round.endsAt === null ? null : round.endsAt - (now ?? round.startedAt ?? round.endsAt);
  const big = size === 'room';
  return (
    <div data-testid="round-status" data-round={round.status}>
      {round.message && round.status === 'running' ? (
        <div role="status" className="mb-3 rounded-lg bg-amber-300 p-3 text-black" data-testid="round-message">
          <Translated k={roundMessageKey(round.itemId)} source={round.message} as="p" className={`font-black ${big ? 'text-4xl' : 'text-xl'}`} />
        </div>
      ) : null}
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <p className={`font-bold uppercase ${big ? 'text-2xl text-amber-300' : 'text-sm text-stone-700'}`}>
          {round.status === 'ended' ? t('breakout.ended') : t('breakout.running')}
        </p>
        {round.status === 'running' && left !== null ? (
          <p className={`font-mono font-black tabular-nums ${big ? 'text-6xl' : 'text-3xl'} ${left < 0 ? 'text-red-600' : ''}`} data-testid="round-left">
            {left < 0 ? `+${formatRemaining(-left)}` : formatRemaining(left)}
          </p>
        ) : null}
      </div>
      {round.prompts.length > 0 ? (
        <ol className={`mt-2 list-decimal ps-6 ${big ? 'text-3xl' : 'text-lg'}`} data-testid="round-prompts">
          {round.prompts.map((p, i) => (
            // The list's numbers follow the page; the text its own language ([L15], [L71]).
            <li key={i}>
              <Translated k={promptKey(round.itemId, i)} source={p} />
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
