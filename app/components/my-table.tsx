import { useTranslation } from '~/i18n/react';
import { seatCode, tableOf, type Round } from '~/model/breakouts';
import { RoundStatus } from './round-status';
import { CommandForm, useCommandBusy } from './phone-commands';

/**
 * The attendee's table in a breakout round: where to go, what to discuss, how long. Choosing a
 * table is one tap (a plain form post): the number from the count-off, or a topic or language.
 */
export function MyTable({ round, seatKey, assemblyId }: { round: Round; seatKey: string | null; assemblyId: string }) {
  const { t } = useTranslation();
  const busy = useCommandBusy();
  const mine = seatKey ? tableOf(round, seatKey) : null;
  return (
    <div>
      {mine ? (
        <div className="mb-3 rounded-lg border-4 border-amber-400 bg-amber-50 p-3" data-testid="my-table">
          <h2 className="break-words text-4xl font-black">
            <span className="block text-sm font-bold uppercase text-stone-700">{t('round.yourTable')}</span>
            {t('breakout.table', { number: mine.number })}
            {mine.label ? ` · ${mine.label}` : ''}
          </h2>
          {/* The code a facilitator picks to move this one person ([BR10]); it names a seat, not a person. */}
          <p className="mt-1 text-sm text-stone-800" data-testid="seat-code">
            {t('round.yourCode')} <span className="font-mono text-base font-black">{seatCode(seatKey!)}</span>
          </p>
          <a className="mt-1 inline-block font-bold underline" href={`/a/${assemblyId}/breakout/${mine.id}`}>
            {t('breakout.notes')}
          </a>
        </div>
      ) : null}
      <RoundStatus round={round} />
      {round.status !== 'ended' ? (
        <CommandForm name="table" className="mt-3" aria-label={t('round.pickTopic')}>
          <input type="hidden" name="intent" value="join-table" />
          <p className="font-bold">{round.assignment === 'count-off' ? t('round.countOff') : t('round.pickTopic')}</p>
          <div className={`mt-2 grid gap-2 ${round.assignment === 'count-off' ? 'grid-cols-4' : ''}`}>
            {round.tables.map((table) => (
              <button
                key={table.id}
                type="submit"
                name="table"
                value={table.id}
                aria-disabled={busy || undefined}
                aria-pressed={mine?.id === table.id}
                className={`min-h-12 rounded-lg border-2 px-3 text-lg font-bold ${mine?.id === table.id ? 'border-stone-950 bg-stone-950 text-white' : 'border-stone-400 bg-white'}`}
              >
                {mine?.id === table.id ? <span aria-hidden="true">✓ </span> : null}
                {round.assignment === 'count-off' ? table.number : `${table.number} · ${table.label}`}
              </button>
            ))}
          </div>
        </CommandForm>
      ) : null}
    </div>
  );
}
