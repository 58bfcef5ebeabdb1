import { useTranslation } from '~/i18n/react';
import type * as Y from 'yjs';
import { useServerNow } from '~/collab/use-server-now';
import { schedule, type AgendaItem } from '~/model/agenda';
import { JumpLink } from './console-layout';
import { formatInstant } from '~/i18n/format';
import { wallToInstant } from '~/model/time-zone';
import { useDocTimeZone } from '~/utils/use-time-zone';

/**
 * The agenda's plan while it is built ([G7]): how long the items add up to, and — given the
 * assembly's start time — when it is planned to end, before anything has started. Once the room
 * runs, the end projected from now as well (the same arithmetic as "N minutes over", [G4]).
 */
export function AgendaPlan({ doc, agenda, startsAt }: { doc: Y.Doc; agenda: AgendaItem[]; startsAt: string | null }) {
  const { t, i18n } = useTranslation();
  const now = useServerNow(15_000);
  // The hall's clock: the start time as typed, in the assembly's zone, so the server's render and
  // every laptop agree whatever zone the laptop is set to ([L34]). (A hook: before any return.)
  const zone = useDocTimeZone(doc);
  if (agenda.length === 0) return null;
  const planned = agenda.reduce((sum, i) => sum + i.minutes, 0);
  const length =
    planned >= 60 ? t('agenda.planHours', { hours: Math.floor(planned / 60), minutes: planned % 60 }) : t('agenda.planMinutes', { count: planned });
  const start = startsAt ? wallToInstant(startsAt, zone) : NaN;
  const running = agenda.some((i) => i.startedAt !== null);
  // From now on this laptop's clock, which is the hall's: only once the room runs.
  const plan = running && now !== null ? schedule(doc, now) : null;
  return (
    <div className="mt-2 rounded-lg bg-stone-100 px-3 py-2" data-testid="agenda-plan">
      <p className="font-bold" data-testid="agenda-plan-total" data-minutes={planned}>
        {t('agenda.planTotal', { count: agenda.length, length })}
      </p>
      {Number.isFinite(start) ? (
        <p data-testid="agenda-plan-end">
          {t('agenda.planEnds', {
            start: formatInstant(i18n.language, start, zone, 'time', true),
            end: formatInstant(i18n.language, start + planned * 60_000, zone),
          })}
        </p>
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
          {t('agenda.planProjected', { end: formatInstant(i18n.language, now! + plan.remainingMinutes * 60_000, zone) })}
        </p>
      ) : null}
    </div>
  );
}
