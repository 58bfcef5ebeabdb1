import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useServerNow } from '~/collab/use-server-now';
import { schedule, type AgendaItem } from '~/model/agenda';
import { JumpLink } from './console-layout';

/** The hall's start time as typed (`2026-05-01T18:00`) in ms, read as UTC so every screen agrees. */
function hallMs(startsAt: string): number {
  return new Date(`${startsAt}Z`).getTime();
}

/**
 * The agenda's plan while it is built ([G7]): how long the items add up to, and — given the
 * assembly's start time — when it is planned to end, before anything has started. Once the room
 * runs, the end projected from now as well (the same arithmetic as "N minutes over", [G4]).
 */
export function AgendaPlan({ doc, agenda, startsAt }: { doc: Y.Doc; agenda: AgendaItem[]; startsAt: string | null }) {
  const { t, i18n } = useTranslation();
  const now = useServerNow(15_000);
  if (agenda.length === 0) return null;
  const planned = agenda.reduce((sum, i) => sum + i.minutes, 0);
  const length = planned >= 60 ? t('agenda.planHours', { hours: Math.floor(planned / 60), minutes: planned % 60 }) : t('agenda.planMinutes', { count: planned });
  // The hall's clock as typed: formatted in UTC, so the server's render and every laptop agree.
  const hall = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', timeZone: 'UTC' });
  const start = startsAt ? hallMs(startsAt) : NaN;
  const running = agenda.some((i) => i.startedAt !== null);
  // From now on this laptop's clock, which is the hall's: only once the room runs.
  const plan = running && now !== null ? schedule(doc, now) : null;
  const local = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  return (
    <div className="mt-2 rounded-lg bg-stone-100 px-3 py-2" data-testid="agenda-plan">
      <p className="font-bold" data-testid="agenda-plan-total" data-minutes={planned}>
        {t('agenda.planTotal', { count: agenda.length, length })}
      </p>
      {Number.isFinite(start) ? (
        <p data-testid="agenda-plan-end">{t('agenda.planEnds', { start: hall.format(start), end: hall.format(start + planned * 60_000) })}</p>
      ) : (
        <p className="text-sm text-stone-700">
          {t('agenda.planNoStart')}{' '}
          <JumpLink to="details" className="font-bold underline">
            {t('agenda.planSetStart')}
          </JumpLink>
        </p>
      )}
      {plan ? (
        <p className="font-semibold" data-testid="agenda-plan-projected">
          {t('agenda.planProjected', { end: local.format(now! + plan.remainingMinutes * 60_000) })}
        </p>
      ) : null}
    </div>
  );
}
