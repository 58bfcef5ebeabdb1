import { useFetcher } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from '~/i18n/react';
import { seatCode, type Round, type Table } from '~/model/breakouts';
import { Button } from './ui/button';
import { ApplySelect } from './apply-select';

type MoveResult = { moved?: number; error?: string };

const SELECT = 'min-h-9 rounded border-2 border-stone-500 bg-white px-1 text-sm';
const tableText = (t: (k: string, o?: Record<string, unknown>) => string, x: Table) =>
  `${t('breakout.table', { number: x.number })}${x.label ? ` · ${x.label}` : ''}`;

/**
 * A facilitator's moves at one table, as server commands ([BR9], [BR10]): everyone at this table
 * to another, or one person (found by the code on their phone) to another. Seats are the server's
 * to write, so a move never makes the console's own socket be refused.
 */
export function TableMoves({ round, table }: { round: Round; table: Table }) {
  const { t } = useTranslation();
  const whole = useFetcher<MoveResult>();
  const one = useFetcher<MoveResult>();
  const id = useId();
  const seats = round.members.filter((m) => m.tableId === table.id);
  const others = round.tables.filter((x) => x.id !== table.id);
  if (seats.length === 0 || round.status !== 'running' || others.length === 0) return null;
  const error = whole.data?.error ?? one.data?.error;
  const targets = others.map((x) => (
    <option key={x.id} value={x.number}>
      {tableText(t, x)}
    </option>
  ));
  return (
    <div className="mt-2 grid gap-2 text-sm">
      <label className="flex items-center justify-between gap-2">
        <span>{t('round.moveTable')}</span>
        <ApplySelect
          value=""
          disabled={whole.state !== 'idle'}
          applyLabel={t('choice.move')}
          applyName={t('choice.moveTable', { number: table.number })}
          onApply={(to) => to && whole.submit({ intent: 'move-table', itemId: round.itemId, from: String(table.number), to }, { method: 'post' })}
          className={SELECT}
          aria-label={t('round.moveTableTo', { number: table.number })}
        >
          <option value="">—</option>
          {targets}
        </ApplySelect>
      </label>
      <details data-testid="move-one">
        <summary className="cursor-pointer font-semibold underline">{t('round.moveOne')}</summary>
        <one.Form method="post" className="mt-1 flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="move-member" />
          {/* The round this console showed: a click that arrives after the round changed does nothing. */}
          <input type="hidden" name="itemId" value={round.itemId} />
          <label className="grid" htmlFor={`${id}-seat`}>
            <span>{t('round.personCode')}</span>
            <select id={`${id}-seat`} name="seat" required className={`${SELECT} font-mono`}>
              {seats.map((m) => (
                <option key={m.key} value={m.key}>
                  {seatCode(m.key)}
                </option>
              ))}
            </select>
          </label>
          <label className="grid" htmlFor={`${id}-to`}>
            <span>{t('round.toTable')}</span>
            <select id={`${id}-to`} name="table" required className={SELECT}>
              {targets}
            </select>
          </label>
          <Button type="submit" size="sm" variant="secondary" disabled={one.state !== 'idle'}>
            {t('round.movePerson')}
          </Button>
        </one.Form>
      </details>
      {error ? (
        <p role="alert" className="font-semibold text-red-800">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
