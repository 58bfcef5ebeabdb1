import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { usePlenary } from '~/collab/use-plenary';
import { ConnectionIndicator } from '~/components/connection-indicator';
import { MetaDetails } from '~/components/meta-details';
import { TimerDisplay } from '~/components/timer-display';
import type { StackEntry } from '~/model/stack';
import { entryName } from '~/components/entry-name';
import { ROOM_CHANNELS, ScreenRound } from '~/components/screen-round';
import { InterpretationChannels } from '~/components/interpretation-channels';
import { Tally } from '~/components/tally';
import { currentProposal } from '~/model/shown-proposal';
import { showsCounts } from '~/model/counts';
import { ProposalTextScreen } from '~/components/proposal-text-screen';
import { plenaryState, requireDocument } from '~/utils/guards.server';
import { qrSvg } from '~/utils/qr.server';
import { ScreenJoin } from '~/components/screen-join';
import { useFit } from '~/utils/use-fit';
import { byLength } from '~/utils/by-length';
import { pageTitle } from '~/utils/page-title';
import { screenWall } from '~/utils/screen-wall.server';
import { useWallTextsOf } from '~/utils/use-wall-texts';
import { WallCells, WallTextsProvider, wallAttributes } from '~/components/wall-text';
import { ANNOUNCEMENT_KEY, itemTitleKey } from '~/model/translations';
import { useScreenLanguages } from '~/utils/use-screen-languages';
import { ScreenLanguagesProvider, useScreenWords } from '~/components/screen-words';
import { ScreenLanguageSwitcher } from '~/components/screen-language-switcher';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'projector', data?.title, error);

/** The projector: big type, high contrast, the join QR large. No interaction needed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // A read-only view of the plenary: it opens for whoever reads the plenary ([X21]).
  const { assembly, session } = await requireDocument(request, context, params.id, (id) => `${id}/plenary`);
  const links = await context.services.listLinks(assembly.id, request);
  const link = links.find((l) => l.role === 'attendee' && l.url) ?? null;
  return json(
    {
      id: assembly.id,
      title: assembly.title,
      state: await plenaryState(context, assembly.id, session),
      join: link?.url ? { url: link.url, qr: await qrSvg(link.url), code: link.joinCode, address: `${new URL(link.url).host}/j` } : null,
      // The catalogues of the projector's languages besides the page's own ([L52]), and their translations ([L54]).
      ...(await screenWall(context, request, assembly.id, session)),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function ProjectorScreen() {
  const data = useLoaderData<typeof loader>();
  const { status, doc, meta, agenda, currentId, itemTimer, speakerTimer, announcement, stack, round, proposals } = usePlenary(data.id, data.state);
  // The wall's labels in the projector's one or two languages ([L51]); `t` stays for what only the
  // person at the projector reads (its page title, accessible names).
  const languages = useScreenLanguages(doc, data.screen);
  const { say } = useScreenWords(languages);
  // The room's own texts beside their translations, one column per language ([L54]).
  const wall = useWallTextsOf(data.id, doc, languages, data.translations);
  const proposal = proposals.length ? currentProposal(doc, currentId) : null;
  const breakout = round?.status === 'running' ? round : null;
  // Names can be kept off the wall, per assembly: then the room sees what kind of turn it is.
  const who = (e: StackEntry) =>
    stack.settings.hideNames && e.kind !== 'report' ? say(`stack.kinds.${e.kind}`) : e.kind === 'report' ? say((tl) => entryName(tl, e)) : e.name;
  const upNext = stack.queue[0] ?? null;
  // The speaker timer shows once it has been started, and stays while it is paused mid-speech.
  const speaking = speakerTimer && (speakerTimer.startedAt !== null || speakerTimer.elapsedMs > 0) ? speakerTimer : null;
  const index = agenda.findIndex((i) => i.id === currentId);
  const current = index >= 0 ? agenda[index] : null;
  const next = agenda.slice(index + 1).find((i) => i.status === 'pending') ?? null;
  const title = meta.title || data.title;
  // In two languages a text takes about twice the room: it is sized by both versions together.
  const notice = wall.texts(ANNOUNCEMENT_KEY, announcement);
  const noticeLength = notice.map((p) => p.text).join(' ');
  const heading = current ? wall.texts(itemTitleKey(current.id), current.title) : [];
  const headingLength = heading.map((p) => p.text).join(' ');
  // What is on the wall: when it changes, the type starts again from full size and steps down to fit.
  useFit(
    JSON.stringify([
      title,
      announcement,
      currentId,
      next?.id,
      breakout?.prompts,
      breakout?.message,
      proposal?.text,
      proposal?.vote,
      proposal?.outcome,
      stack.speaker?.id,
      upNext?.id,
      current?.interpretation,
      agenda.length,
      languages.map((l) => l.language),
      wall.version,
    ]),
  );
  return (
    // One screen, never scrolled ([N25]): the header, the announcement and the join block keep
    // their height; the middle takes what is left and is clipped, not pushed, when it cannot fit.
    <ScreenLanguagesProvider languages={languages}>
      <WallTextsProvider texts={wall.texts}>
        <main className="flex h-dvh flex-col gap-4 overflow-hidden bg-black p-6 text-white 2xl:gap-6 2xl:p-10">
          <div className="flex shrink-0 flex-wrap-reverse items-start justify-between gap-4 lg:flex-nowrap lg:gap-8">
            <h1
              className={`min-w-0 break-words font-black leading-tight ${current ? `line-clamp-1 text-stone-300 ${byLength(title, [[60, 'text-3xl 2xl:text-5xl']], 'text-2xl 2xl:text-4xl')}` : `line-clamp-2 ${byLength(title, [[40, 'text-4xl sm:text-6xl 2xl:text-7xl']], 'text-4xl 2xl:text-6xl')}`}`}
              data-testid="assembly-title"
            >
              {title}
            </h1>
            <ConnectionIndicator status={status} large refreshes={20} />
            {/* Without JavaScript the projector reloads itself, and its badge says so ([N5]). */}
            <noscript>
              <meta httpEquiv="refresh" content="20" />
            </noscript>
          </div>
          {announcement ? (
            <p
              role="status"
              {...wallAttributes(notice)}
              className={`shrink-0 break-words rounded-xl bg-amber-300 px-6 py-3 font-black leading-tight text-black ${byLength(
                noticeLength,
                [
                  [80, 'text-3xl 2xl:text-5xl'],
                  [160, 'text-2xl 2xl:text-4xl'],
                ],
                'text-xl 2xl:text-3xl',
              )}`}
              data-testid="announcement"
            >
              <WallCells parts={notice} />
            </p>
          ) : null}
          <div className="min-h-0 flex-1 overflow-hidden" data-fit-measure="">
            {current && breakout ? (
              // During a round: the round's countdown alone, its questions large, the join code beside the tables ([BR11]).
              <ScreenRound round={breakout} title={current.title} join={data.join} />
            ) : current ? (
              // The item's column takes the full height; the timers and the join code share the right one,
              // so the QR never waits below the item's text for room ([N25]).
              <section className="grid h-full grid-cols-[minmax(0,1fr)_auto] gap-8" data-testid="current-item">
                <div className="min-h-0 min-w-0 overflow-hidden" data-fit-clip="">
                  <p className="text-2xl font-bold uppercase text-amber-300 2xl:text-3xl">{say('agenda.now')}</p>
                  <p
                    {...wallAttributes(heading)}
                    className={`${heading.length > 1 ? '' : 'line-clamp-3'} break-words font-black leading-tight ${byLength(
                      headingLength,
                      [
                        [50, 'text-5xl 2xl:text-8xl'],
                        [100, 'text-4xl 2xl:text-7xl'],
                      ],
                      'text-3xl 2xl:text-6xl',
                    )}`}
                    data-testid="current-title"
                  >
                    <WallCells parts={heading} clamp="line-clamp-3" />
                  </p>
                  <InterpretationChannels text={current.interpretation} styles={ROOM_CHANNELS} className="mt-4" heading={say('interpretation.heading')} />
                  {next && !breakout ? (
                    <p className="mt-4 line-clamp-2 text-3xl text-stone-300 2xl:text-4xl" data-testid="next-item">
                      {say('agenda.next')}:{' '}
                      <span dir="auto" className="font-bold text-white">
                        {next.title}
                      </span>
                    </p>
                  ) : null}
                  {proposal && !breakout ? (
                    <div className="mt-6 border-t-4 border-stone-700 pt-4" data-testid="screen-proposal">
                      <ProposalTextScreen proposal={proposal} brief={Boolean(proposal.vote.closed || proposal.outcome)} />
                      {proposal.vote.open ? (
                        <p className="mt-3 text-3xl 2xl:text-4xl" data-testid="screen-voting">
                          <span className="font-black text-amber-300">{say('proposals.votingOpen')}</span> ·{' '}
                          {say('proposals.cast', { count: proposal.vote.cast })}
                        </p>
                      ) : null}
                      {proposal.vote.closed || proposal.outcome ? (
                        <div className="mt-3 flex flex-wrap items-end gap-8">
                          {showsCounts(proposal) ? (
                            <Tally proposal={proposal} say={say} className="[&_dd]:text-5xl 2xl:[&_dd]:text-7xl [&_dt]:text-xl" />
                          ) : null}
                          {proposal.outcome ? (
                            <p className="text-5xl font-black text-amber-300 2xl:text-7xl" data-testid="screen-outcome">
                              {say(`proposals.outcomes.${proposal.outcome}`)}
                            </p>
                          ) : null}
                        </div>
                      ) : null}
                    </div>
                  ) : null}
                  {!breakout && !proposal?.vote.open && (stack.speaker || upNext) ? (
                    <div className="mt-6 grid gap-2 border-t-4 border-stone-700 pt-4" data-testid="screen-stack">
                      {stack.speaker ? (
                        <p className="line-clamp-2 break-words text-3xl leading-tight 2xl:text-5xl" data-testid="screen-speaker">
                          <span className="font-bold uppercase text-amber-300">{say('stack.nowSpeaking')}: </span>
                          <span dir="auto" className="font-black">
                            {who(stack.speaker)}
                          </span>
                        </p>
                      ) : null}
                      {stack.speaker?.kind === 'report' ? (
                        <p
                          dir="auto"
                          className="line-clamp-6 whitespace-pre-wrap rounded-xl border-4 border-amber-300 p-4 text-2xl 2xl:text-4xl"
                          data-testid="screen-report"
                        >
                          {stack.speaker.text}
                        </p>
                      ) : null}
                      {upNext ? (
                        <p className="text-2xl text-stone-300 2xl:text-4xl" data-testid="screen-next-up">
                          {say('stack.nextUp')}:{' '}
                          <span dir="auto" className="font-bold text-white">
                            {who(upNext)}
                          </span>
                          {upNext.kind !== 'speak' && !stack.settings.hideNames ? <> · {say(`stack.kinds.${upNext.kind}`)}</> : ''}
                        </p>
                      ) : null}
                    </div>
                  ) : null}
                </div>
                <div className="flex min-h-0 flex-col items-end justify-between gap-4 text-end 2xl:gap-6">
                  {/* If the column is short, the timers give way (clipped, then stepped down), never the QR. The
                padding holds the big digits' ink (their line height is 1), which would read as overflow. */}
                  <div className="grid min-h-0 shrink gap-4 overflow-hidden pb-4 2xl:gap-6" data-fit-clip="">
                    <TimerDisplay timer={itemTimer} name="item" label={say('timer.item', undefined, 'stack')} say={say} size="room" />
                    {speaking ? (
                      <TimerDisplay timer={speaking} name="speaker" label={say('timer.speaker', undefined, 'stack')} say={say} size="room-second" />
                    ) : null}
                  </div>
                  {data.join ? (
                    <div className="shrink-0">
                      <ScreenJoin join={data.join} size="side" />
                    </div>
                  ) : null}
                </div>
              </section>
            ) : (
              <div className="text-2xl [&_dt]:text-stone-300 [&_dd]:text-3xl [&_dd]:font-bold">
                {/* After the last item: say so, rather than look as if it had not begun. */}
                {agenda.length > 0 && agenda.every((i) => i.status !== 'pending' || i.startedAt !== null) && agenda.some((i) => i.startedAt !== null) ? (
                  <p className="mb-6 text-4xl font-black text-amber-300 2xl:text-6xl" data-testid="screen-ended">
                    {say('screen.ended')}
                  </p>
                ) : null}
                <MetaDetails meta={meta} say={say} />
              </div>
            )}
          </div>
          {current || !data.join ? null : (
            <div className="shrink-0">
              <ScreenJoin join={data.join} size="large" />
            </div>
          )}
          <ScreenLanguageSwitcher />
        </main>
      </WallTextsProvider>
    </ScreenLanguagesProvider>
  );
}
