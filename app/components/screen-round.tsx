import { useTranslation } from '~/i18n/react';
import { useScreenWords } from './screen-words';
import { itemTitleKey, promptKey } from '~/model/translations';
import { WallCells, wallAttributes, useWallTexts } from './wall-text';
import { useDisplayNow } from '~/collab/use-server-now';
import type { Round } from '~/model/breakouts';
import { formatRemaining } from '~/model/timers';
import type { ChannelStyles } from './interpretation-channels';
import { ScreenJoin, type ScreenJoinData } from './screen-join';

/** Interpretation channels on the wall: the heading on the channels' line (no height to spare at 1280×720). */
export const ROOM_CHANNELS: ChannelStyles = {
  section: 'flex items-start gap-4',
  list: 'flex min-w-0 flex-1 flex-wrap gap-3',
  heading: 'mt-3 text-xl font-bold uppercase text-amber-300 2xl:text-3xl',
  chip: 'rounded-xl border-4 border-stone-500 px-3 py-0.5 text-3xl 2xl:text-5xl',
  channel: 'font-black text-amber-300',
};

/**
 * The round's own countdown, for the projector's timer column ([BR11]): during a round it is the
 * only countdown on the wall (the item's timer would say something else), counted from the
 * round's server-written end, on the same corrected clock as every other screen.
 */
export function RoundCountdown({ round }: { round: Round }) {
  const { say, languages } = useScreenWords();
  const now = useDisplayNow();
  if (round.endsAt === null) return null;
  const left = round.endsAt - (now ?? round.startedAt ?? round.endsAt);
  const over = left < 0;
  return (
    <div className="flex flex-wrap items-baseline justify-end gap-x-4 text-end" data-testid="round-countdown" data-over={over}>
      {/* In two languages each takes its own line, a little wider, rather than five narrow ones. */}
      <p className={`${languages.length > 1 ? 'max-w-[24ch]' : 'max-w-[12ch]'} text-xl font-bold uppercase leading-tight 2xl:text-3xl`}>
        {say('round.timeLeft', undefined, 'stack')}
        {over ? <span className="ms-2 inline-block rounded bg-red-600 px-2 py-0.5 text-white">{say('timer.over')}</span> : null}
      </p>
      <p className={`font-mono text-7xl font-black leading-none tabular-nums 2xl:text-[10rem] ${over ? 'text-red-500' : ''}`} data-testid="round-left">
        {over ? `+${formatRemaining(-left)}` : formatRemaining(left)}
      </p>
    </div>
  );
}

/**
 * A running round on the projector ([BR11]), in place of the item's view: the item and the
 * round's countdown across the top, the questions across the whole width, large enough to read
 * from the back of a hall (they wrap; only a wall of text steps down a size), and the tables
 * beside the join code at the bottom, so it all fits 1280×720 without scrolling.
 */
export function ScreenRound({ round, title, join }: { round: Round; title: string; join: ScreenJoinData | null }) {
  const { t } = useTranslation();
  const { say } = useScreenWords();
  // The title and the questions beside their translations ([L54]); sized by every version shown.
  const wall = useWallTexts();
  const heading = wall(itemTitleKey(round.itemId), title);
  const prompts = round.prompts.map((p, i) => wall(promptKey(round.itemId, i), p));
  const letters = prompts.reduce((n, parts) => n + parts.reduce((m, p) => m + p.text.length, 0), 0);
  // 2.75rem (44 px at 1280 wide) reads from the back; long sets step to 2.5rem, only a wall of text below.
  const size =
    letters > 500 || round.prompts.length > 5
      ? 'text-[2.25rem] 2xl:text-5xl'
      : letters > 160 || round.prompts.length > 3
        ? 'text-[2.5rem] 2xl:text-[3.5rem]'
        : 'text-[2.75rem] 2xl:text-6xl';
  return (
    <section className="flex h-full flex-col gap-4" data-testid="current-item">
      <div className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-8">
        <div className="min-w-0">
          <p className="text-2xl font-bold uppercase text-amber-300 2xl:text-3xl">{say('agenda.now')}</p>
          <p {...wallAttributes(heading)} className={`${heading.length > 1 ? '' : 'line-clamp-2'} break-words text-4xl font-black leading-tight 2xl:text-6xl`}>
            <WallCells parts={heading} clamp="line-clamp-2" />
          </p>
        </div>
        <RoundCountdown round={round} />
      </div>
      {/* The questions take what is left; clipped (and the type stepped down) rather than pushing the join code off ([N25]). */}
      <div className="min-h-0 flex-1 overflow-hidden border-t-4 border-stone-700 pt-3" data-testid="screen-round" data-fit-clip="">
        {round.message ? (
          <p
            role="status"
            className="mb-3 break-words rounded-xl bg-amber-300 px-4 py-2 text-4xl font-black text-black 2xl:text-5xl"
            data-testid="round-message"
          >
            {round.message}
          </p>
        ) : null}
        {round.prompts.length > 0 ? (
          <>
            <h2 className="text-xl font-bold uppercase text-amber-300 2xl:text-3xl">{say('round.questions')}</h2>
            <ol className={`mt-1 grid list-decimal gap-3 ps-[1.3em] font-bold leading-[1.15] marker:text-amber-300 ${size}`} data-testid="screen-prompts">
              {prompts.map((parts, i) => (
                <li key={i} {...wallAttributes(parts)} className="break-words ps-2">
                  <WallCells parts={parts} />
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
      {/* The join code stays (people arrive late), smaller than between rounds. */}
      <div className="grid shrink-0 grid-cols-[minmax(0,1fr)_auto] items-end gap-6">
        <ul
          className="flex max-h-[30vh] min-w-0 flex-wrap gap-2 overflow-hidden text-2xl 2xl:text-3xl"
          data-testid="screen-tables"
          aria-label={t('round.tablesHeading')}
          data-fit-clip=""
        >
          {round.tables.map((table) => (
            <li key={table.id} className="rounded-lg border-2 border-stone-600 px-3 py-1">
              <span className="font-black">{say('breakout.table', { number: table.number })}</span>
              {table.label ? (
                <span className="text-stone-300">
                  {' '}
                  · <span dir="auto">{table.label}</span>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        {join ? <ScreenJoin join={join} size="round" /> : null}
      </div>
    </section>
  );
}
