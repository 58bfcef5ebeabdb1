import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '~/i18n/react';
import type * as Y from 'yjs';
import { serverNow, useDisplayNow, useServerNow } from '~/collab/use-server-now';
import { schedule, type AgendaItem } from '~/model/agenda';
import type { AssemblyMeta } from '~/model/meta';
import { formatInstant } from '~/i18n/format';
import { wallToInstant } from '~/model/time-zone';
import { useTimeZone } from '~/utils/use-time-zone';
import { MAX_ANNOUNCEMENT, nextItem, setAnnouncement } from '~/model/run';
import type { Round } from '~/model/breakouts';
import { formatRemaining, type TimerState } from '~/model/timers';
import { TimerControls } from './timer-controls';
import { Button } from './ui/button';
import { Input } from './ui/field';

/** The speaker timer's length until the stack sets one per assembly. */
export const SPEAKER_MS = 2 * 60_000;

/** Presses of "Next item" closer together than this are one press (Enter held or hit twice). */
const NEXT_PAUSE_MS = 1000;

/**
 * Where the room is, for the facilitator — the console's always-in-view strip ([P10]): the
 * current item against its plan, the assembly's projected end against its planned end, the item
 * timer, the next item in one press, and the breakout round's state. The speaker timer and the
 * announcement are in {@link RoomExtras}.
 */
export function RunPanel({
  doc,
  agenda,
  currentId,
  meta,
  itemTimer,
  round,
}: {
  doc: Y.Doc;
  agenda: AgendaItem[];
  currentId: string | null;
  meta: AssemblyMeta;
  itemTimer: TimerState | null;
  /** The current item's breakout round, if it has one. */
  round: Round | null;
}) {
  const { t, i18n } = useTranslation();
  const now = useServerNow(1000);
  /** When this console last pressed "Next item" (a second press within a moment is the same one). */
  const lastNext = useRef(0);
  const index = agenda.findIndex((i) => i.id === currentId);
  const current = index >= 0 ? agenda[index] : null;
  const next = agenda.slice(index + 1).find((i) => i.status === 'pending') ?? null;
  const plan = now === null ? null : schedule(doc, now);
  const over = plan ? Math.round(plan.overMinutes) : 0;
  // The assembly's clock, whatever zone this laptop is set to ([L34]).
  const zone = useTimeZone(meta);
  const time = { format: (at: number) => formatInstant(i18n.language, at, zone) };

  // The hall's clock: the planned end from the start time as typed, the projected end from now.
  let ends: { planned: string; projected: string } | null = null;
  if (plan && meta.startsAt && current) {
    // The plan counted from when the room really began (else from the start time as typed), so
    // the planned and projected ends agree with "N minutes over".
    const began = Math.min(...agenda.map((i) => i.startedAt ?? Infinity));
    const start = Number.isFinite(began) ? began : wallToInstant(meta.startsAt, zone);
    // Only on the day itself: a start time weeks away says nothing about tonight's end.
    if (Number.isFinite(start) && Math.abs(now! - start) < 24 * 3600_000) {
      ends = { planned: time.format(start + plan.plannedMinutes * 60_000), projected: time.format(now! + plan.remainingMinutes * 60_000) };
    }
  }

  return (
    <div className="grid gap-2 xl:gap-4">
      <div data-testid="run-current">
        {current ? (
          <>
            <div className="flex items-baseline gap-2 xl:block">
              <p className="shrink-0 text-xs font-bold uppercase text-stone-700 xl:text-sm">{t('agenda.now')}</p>
              <p dir="auto" className="min-w-0 truncate text-lg font-black xl:whitespace-normal xl:text-2xl">
                {current.title}
              </p>
            </div>
          </>
        ) : (
          <>
            <p className="text-xs font-bold uppercase text-stone-700 xl:text-sm">{t('agenda.now')}</p>
            <p className="xl:text-lg" data-testid="run-state">
              {agenda.length === 0
                ? t('run.noAgenda')
                : !agenda.some((i) => i.startedAt !== null)
                  ? t('run.notStarted')
                  : next
                    ? t('run.between')
                    : t('run.finished')}
            </p>
          </>
        )}
        <div className="flex flex-wrap items-baseline gap-x-3 xl:block">
          {current && plan ? (
            <p className="text-xs font-semibold sm:text-sm xl:text-base" data-testid="item-used">
              {t('run.used', { used: Math.floor(plan.currentUsedMinutes), planned: current.minutes })}
            </p>
          ) : null}
          {plan && (current || agenda.some((i) => i.startedAt !== null)) ? (
            <p className={`text-xs font-black sm:text-sm xl:mt-1 xl:text-lg ${over > 0 ? 'text-red-800' : ''}`} data-testid="schedule-line" data-over={over}>
              {over > 0 ? t('run.over', { count: over }) : over < 0 ? t('run.ahead', { count: -over }) : t('run.onTime')}
              {ends ? ` · ${t('run.ends', ends)}` : ''}
            </p>
          ) : null}
        </div>
      </div>
      <TimerControls doc={doc} name="item" timer={itemTimer} label={t('timer.item')} resetMs={(current?.minutes ?? 0) * 60_000} disabled={!current} compact />
      {round && round.status !== 'planned' ? <RoundGlance round={round} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          // "Move on from this item" ([G5]): a double click, Enter pressed twice, or a second
          // facilitator's press for the same item moves the room on by one item, not two.
          onClick={(e) => {
            if (e.detail > 1 || Date.now() - lastNext.current < NEXT_PAUSE_MS) return;
            lastNext.current = Date.now();
            nextItem(doc, serverNow(), current?.id ?? null);
          }}
          disabled={!next && !current}
          data-testid="next-item-button"
          className="max-w-full text-start"
        >
          {current ? (next ? t('run.next', { title: next.title }) : t('run.finish')) : next ? t('run.begin', { title: next.title }) : t('run.nextPlain')}
        </Button>
      </div>
    </div>
  );
}

/** The round at a glance in the strip: running or ended, how many tables, time left (the panel is one jump away). */
function RoundGlance({ round }: { round: Round }) {
  const { t } = useTranslation();
  const now = useDisplayNow(1000);
  const left = round.endsAt === null || now === null ? null : round.endsAt - now;
  return (
    <p
      className="flex flex-wrap items-baseline gap-x-2 rounded-lg bg-amber-100 px-2 py-1 text-sm font-bold xl:text-base"
      data-testid="strip-round"
      data-round={round.status}
    >
      <span>{round.status === 'running' ? t('run.roundRunning', { count: round.tables.length }) : t('run.roundEnded')}</span>
      {round.status === 'running' && left !== null ? (
        <span className={`font-mono tabular-nums ${left < 0 ? 'text-red-800' : ''}`}>
          {left < 0 ? t('run.roundOver', { time: formatRemaining(-left) }) : t('run.roundLeft', { time: formatRemaining(left) })}
        </span>
      ) : null}
    </p>
  );
}

/** The speaker timer and the announcement on the projector: a console panel of their own. */
export function RoomExtras({ doc, speakerTimer, announcement }: { doc: Y.Doc; speakerTimer: TimerState | null; announcement: string }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-3">
      <TimerControls doc={doc} name="speaker" timer={speakerTimer} label={t('timer.speaker')} resetMs={SPEAKER_MS} />
      <AnnouncementForm doc={doc} announcement={announcement} />
    </div>
  );
}

function AnnouncementForm({ doc, announcement }: { doc: Y.Doc; announcement: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAnnouncement(doc, text.slice(0, MAX_ANNOUNCEMENT));
    setText('');
  };
  return (
    <form onSubmit={submit} className="rounded-lg border-2 border-stone-300 p-3" aria-labelledby="announce-heading">
      <h3 id="announce-heading" className="font-bold">
        {t('run.announcement')}
      </h3>
      {announcement ? (
        <p dir="auto" className="mt-1 rounded bg-amber-100 p-2 font-semibold" data-testid="announcement-current">
          {t('run.onScreen')}: {announcement}
        </p>
      ) : (
        <p className="mt-1 text-sm text-stone-700">{t('run.announcementHint')}</p>
      )}
      <label htmlFor="announcement" className="sr-only">
        {t('run.announcement')}
      </label>
      <Input id="announcement" value={text} onChange={(e) => setText(e.target.value)} maxLength={MAX_ANNOUNCEMENT} placeholder={t('run.announcementExample')} />
      <div className="mt-2 flex flex-wrap gap-2">
        <Button type="submit" disabled={!text.trim()}>
          {t('run.show')}
        </Button>
        {announcement ? (
          <Button type="button" variant="secondary" onClick={() => setAnnouncement(doc, '')}>
            {t('run.clear')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
