import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useMemo, useRef } from 'react';
import { useTranslation } from '~/i18n/react';
import { usePlenary } from '~/collab/use-plenary';
import { AgendaView } from '~/components/agenda-view';
import { AssemblyHeader } from '~/components/assembly-header';
import { MetaDetails } from '~/components/meta-details';
import { StackPhone } from '~/components/stack-phone';
import { TimerDisplay } from '~/components/timer-display';
import { Card } from '~/components/ui/card';
import { currentProposal } from '~/model/shown-proposal';
import { VoteCard } from '~/components/vote-card';
import { VotingCodeForm } from '~/components/voting-code-form';
import { MyTable } from '~/components/my-table';
import { OutboxNotice, usePhoneCommands } from '~/components/phone-commands';
import { PhoneAnnouncer } from '~/components/phone-announcer';
import { YourTurn } from '~/components/your-turn';
import { InterpretationChannels } from '~/components/interpretation-channels';
import { SpeakerTimerPhone } from '~/components/speaker-timer-phone';
import { Translated, TranslationNote, TranslationsProvider } from '~/components/translated';
import { useRoomTranslations } from '~/collab/use-room-translations';
import { ANNOUNCEMENT_KEY, interpretedLanguages, itemTitleKey } from '~/model/translations';
import { requireCommand, requirePage, toBase64 } from '~/utils/guards.server';
import { nameCookie, readNameCookie } from '~/utils/name-cookie.server';
import { phoneCommand, readPhoneState } from '~/commands/phone.server';
import { randomCommandId } from '~/utils/command-id';
import { useHydrated } from '~/utils/use-hydrated';
import { useFocusRescue } from '~/utils/use-focus-rescue';
import { pageTitle } from '~/utils/page-title';
import { roomTranslationsState } from '~/utils/room-translations.server';

export { commandHeaders as headers } from '~/utils/command-headers';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'attendee', data?.title, error);

/** The attendee's phone: rendered from the server's copy, so it is useful before (and without) JavaScript. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly, session } = await requirePage(request, context, params.id, 'room');
  // Without JavaScript a form post carries this page's command id, so sending the same page's
  // form twice (a double tap, the back button) does it once ([N1]).
  const commandSeed = randomCommandId();
  // After a refused form post (Remix reloads the page's data with the post's headers) the answer
  // is the small refusal page (entry.server.tsx): a script's refusals do not each read and
  // encode the whole live assembly ([K11]).
  if (/form/i.test(request.headers.get('content-type') ?? '')) {
    const blank = {
      id: assembly.id,
      title: assembly.title,
      state: '',
      translations: '',
      mine: [] as string[],
      seatKey: null,
      voted: [] as string[],
      commandSeed,
      minutesPublished: false,
    };
    return json(
      { ...blank, canVote: session.canVote, hasRight: false, rightsIssued: false, savedName: readNameCookie(request, assembly.id) },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  }
  // A vote this process is not counting (it restarted) shows as interrupted, not as open.
  await context.services.settleVotes(assembly.id);
  // One read of the server's copy: the state to render and what is this phone's in it.
  const phone = await readPhoneState(context, assembly.id, session, (doc, state) => ({
    state: toBase64(state()),
    interpreted: interpretedLanguages(doc),
  }));
  // What the room typed, in this phone's language when an interpreter has translated into it ([L72]).
  const translations = await roomTranslationsState(context, request, assembly.id, session, phone.also.interpreted);
  const rightsIssued = (await context.services.votingCounts(assembly.id)).issued > 0;
  const minutesPublished = (await context.services.listMinutes(assembly.id)).length > 0;
  return json(
    {
      id: assembly.id,
      title: assembly.title,
      state: phone.also.state,
      translations,
      mine: phone.mine,
      seatKey: phone.seatKey,
      voted: phone.voted,
      canVote: session.canVote,
      hasRight: phone.hasRight,
      rightsIssued,
      savedName: readNameCookie(request, assembly.id),
      commandSeed,
      minutesPublished,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

/**
 * A raised or withdrawn hand, a seat, a ballot or a voting code, posted without JavaScript (with
 * it, the page's command queue sends the same form to /a/:id/command, [N1]).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly, session } = await requireCommand(request, context, params.id, 'phone');
  const form = await request.formData().catch(() => null);
  if (!form) return json({ error: 'stack.errors.invalid' }, { status: 400 });
  const answer = await phoneCommand(context, assembly, session, form);
  if (answer.status >= 300) {
    return json(
      { error: answer.error ?? 'stack.errors.invalid' },
      { status: answer.status, headers: answer.retryAfter ? { 'Retry-After': String(answer.retryAfter) } : undefined },
    );
  }
  const headers = new Headers();
  if (answer.name) headers.append('Set-Cookie', nameCookie(assembly.id, answer.name, new URL(request.url).protocol === 'https:'));
  return redirect(`/a/${assembly.id}#${answer.anchor ?? 'stack'}`, { status: 303, headers });
}

export default function AttendeePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { status, doc, meta, agenda, currentId, itemTimer, speakerTimer, announcement, stack, round, proposals } = usePlenary(data.id, data.state);
  // Recomputed with the live list, so an opened or closed vote shows at once.
  const proposal = proposals.length ? currentProposal(doc, currentId) : null;
  const fromLoader = useMemo(() => ({ mine: data.mine, seatKey: data.seatKey, voted: data.voted, hasRight: data.hasRight }), [data]);
  const { provide, phone, outbox } = usePhoneCommands(data.id, fromLoader, data.commandSeed, status, round && round.status !== 'ended' ? round.itemId : null);
  // A plain post's refusal (no JavaScript), or the outbox's.
  const error = (result && 'error' in result ? result.error : null) ?? outbox.refused?.error ?? null;
  const current = agenda.find((i) => i.id === currentId);
  const hydrated = useHydrated();
  const main = useRef<HTMLElement>(null);
  useFocusRescue(main);
  const translations = useRoomTranslations(data.id, doc, data.translations);
  return provide(
    <TranslationsProvider value={translations}>
      <AssemblyHeader title={meta.title || data.title} subtitle={t('attendee.heading')} status={status} refreshes={30} />
      {/* One column no wider than the phone (a grid's auto column grows to its widest word), and
          words that do not fit break, inside flex rows too: 200% text at 320 px ([N33]). */}
      <main ref={main} className="mx-auto grid max-w-3xl grid-cols-[minmax(0,1fr)] gap-4 px-4 py-6 [overflow-wrap:anywhere]">
        <OutboxNotice outbox={outbox} />
        <PhoneAnnouncer stack={stack} mine={phone.mine} itemId={currentId} itemTimer={itemTimer} proposal={proposal} />
        <YourTurn stack={stack} mine={phone.mine} />
        <noscript>
          {/* Without JavaScript nothing here is live: it says so, and reloads itself ([N5]). */}
          <meta httpEquiv="refresh" content="30" />
          <p className="rounded-xl border-2 border-stone-950 bg-white p-3 font-semibold" data-testid="static-page">
            {t('attendee.staticPage')}{' '}
            <a href={`/a/${data.id}`} className="font-bold underline">
              {t('attendee.reloadNow')}
            </a>
          </p>
        </noscript>
        {announcement ? (
          <div role="status" className="break-words rounded-xl bg-amber-300 p-4" data-testid="announcement">
            <Translated k={ANNOUNCEMENT_KEY} source={announcement} as="p" className="text-xl font-black" />
          </div>
        ) : null}
        {current ? (
          <Card className="border-amber-400" data-testid="current-item">
            {/* A heading, so a screen reader can jump to what the room is on ([N14]). */}
            <h2 className="break-words text-2xl font-black">
              <span className="block text-sm font-bold uppercase text-stone-700">{t('agenda.now')}</span>
              <Translated k={itemTitleKey(current.id)} source={current.title} note={false} data-testid="current-title" />
            </h2>
            <TranslationNote k={itemTitleKey(current.id)} source={current.title} />
            {/* During a round its own countdown (under "Your table") is the one that counts ([BR11]). */}
            {round?.status === 'running' ? null : <TimerDisplay timer={itemTimer} name="item" label={t('timer.item')} size="phone" className="mt-2" />}
            <SpeakerTimerPhone timer={speakerTimer} />
            <InterpretationChannels text={current.interpretation} className="mt-3" />
          </Card>
        ) : null}
        {proposal ? (
          <Card id="vote" className={proposal.vote.open ? 'border-amber-400' : ''}>
            <VoteCard
              proposal={proposal}
              voted={phone.voted.includes(proposal.id)}
              canVote={data.canVote}
              hasRight={phone.hasRight}
              error={error?.startsWith('proposals.') || error?.startsWith('voting.') ? error : null}
            />
          </Card>
        ) : null}
        {data.canVote && data.rightsIssued && !phone.hasRight && !proposal?.vote.open ? (
          <Card id="check-in" aria-label={t('voting.enterCode')}>
            <p className="text-stone-800">{t('voting.checkIn')}</p>
            <VotingCodeForm error={error?.startsWith('voting.') ? error : null} />
          </Card>
        ) : null}
        {phone.hasRight && !proposal?.vote.open ? (
          <p className="px-1 font-semibold text-green-900" data-testid="has-right">
            {t('voting.holdsRight')}
          </p>
        ) : null}
        {round && round.status !== 'ended' ? (
          <Card id="table" aria-label={t('round.yourTable')}>
            <MyTable round={round} seatKey={phone.seatKey} assemblyId={data.id} />
          </Card>
        ) : null}
        <Card id="stack" aria-labelledby="stack-heading">
          <StackPhone stack={stack} mine={phone.mine} savedName={data.savedName} speakerTimer={speakerTimer} error={error} />
        </Card>
        {data.minutesPublished ? (
          <Card>
            <h2 className="text-xl font-black">{t('attendee.minutesHeading')}</h2>
            <a href={`/a/${data.id}/minutes`} className="mt-2 inline-block text-lg font-bold underline" data-testid="minutes-link">
              {t('attendee.minutesLink')}
            </a>
          </Card>
        ) : null}
        <Card>
          <h2 className="mb-2 text-xl font-black">{t('agenda.heading')}</h2>
          <AgendaView agenda={agenda} currentId={currentId} />
        </Card>
        <Card>
          <MetaDetails meta={meta} />
          {hydrated ? <p className="mt-4 text-stone-800">{t('attendee.follow')}</p> : null}
        </Card>
      </main>
    </TranslationsProvider>,
  );
}
