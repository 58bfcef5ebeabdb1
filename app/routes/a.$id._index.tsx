import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { z } from 'zod';
import { usePlenary } from '~/collab/use-plenary';
import { AgendaView } from '~/components/agenda-view';
import { AssemblyHeader } from '~/components/assembly-header';
import { MetaDetails } from '~/components/meta-details';
import { StackPhone } from '~/components/stack-phone';
import { TimerDisplay } from '~/components/timer-display';
import { Card } from '~/components/ui/card';
import * as Y from 'yjs';
import { BreakoutError, joinTable, readRound } from '~/model/breakouts';
import { ENTRY_KINDS, MAX_NAME, ownedBy, raiseHand, readEntries, readStack, StackError, withdraw } from '~/model/stack';
import { CodeError, UnavailableError, VoteError } from '~/services';
import { CHOICES, currentProposal, readProposals } from '~/model/proposals';
import { VoteCard } from '~/components/vote-card';
import { VotingCodeForm } from '~/components/voting-code-form';
import { MyTable } from '~/components/my-table';
import { InterpretationChannels } from '~/components/interpretation-channels';
import { SpeakerTimerPhone } from '~/components/speaker-timer-phone';
import { IN_THE_ROOM, requireRole, toBase64 } from '~/utils/guards.server';
import { nameCookie, readNameCookie } from '~/utils/name-cookie.server';

export { commandHeaders as headers } from '~/utils/command-headers';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Plenary` : 'Plenary' }];

/** The attendee's phone: rendered from the server's copy, so it is useful before (and without) JavaScript. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly, session } = await requireRole(request, context, params.id, IN_THE_ROOM);
  // After a refused form post (Remix reloads the page's data with the post's headers) the answer
  // is the small refusal page (entry.server.tsx): a script's refusals do not each read and
  // encode the whole live assembly ([K11]).
  if (/form/i.test(request.headers.get('content-type') ?? '')) {
    const blank = { id: assembly.id, title: assembly.title, state: '', mine: [] as string[], seatKey: null, voted: [] as string[] };
    return json({ ...blank, canVote: session.canVote, hasRight: false, rightsIssued: false, savedName: readNameCookie(request, assembly.id) }, { headers: { 'Cache-Control': 'no-store' } });
  }
  // A vote this process is not counting (it restarted) shows as interrupted, not as open.
  await context.services.settleVotes(assembly.id);
  // Which hands are this phone's, and its seat in the current round: only the server can tell.
  const tag = context.services.ownerTag(assembly.id, session);
  // One read of the server's copy: the state to render and what is this phone's in it.
  const { state, mine, seatKey, open } = await context.services.readDoc(`${assembly.id}/plenary`, (doc) => {
    const round = readRound(doc);
    return {
      state: toBase64(Y.encodeStateAsUpdate(doc)),
      mine: ownedBy(readEntries(doc), tag).map((e) => e.id),
      seatKey: round ? context.services.seatKey(assembly.id, session, round.itemId) : null,
      open: readProposals(doc).filter((p) => p.vote.open).map((p) => p.id),
    };
  });
  // Which open votes this phone has cast (whether, never how).
  const voted = [];
  for (const id of open) if (await context.services.hasVoted(assembly.id, session, id)) voted.push(id);
  const hasRight = session.canVote && (await context.services.holdsVotingRight(assembly.id, session));
  const rightsIssued = (await context.services.votingCounts(assembly.id)).issued > 0;
  return json(
    {
      id: assembly.id,
      title: assembly.title,
      state,
      mine,
      seatKey,
      voted,
      canVote: session.canVote,
      hasRight,
      rightsIssued,
      savedName: readNameCookie(request, assembly.id),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

const Command = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('raise'),
    name: z.string().trim().min(1, 'stack.errors.name').max(MAX_NAME, 'stack.errors.nameLong'),
    kind: z.enum(ENTRY_KINDS, { message: 'stack.errors.kind' }),
  }),
  z.object({ intent: z.literal('withdraw'), entryId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal('join-table'), table: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'round.errors.no-table') }),
  z.object({ intent: z.literal('vote'), proposalId: z.string().min(1).max(64), choice: z.enum(CHOICES, { message: 'proposals.errors.invalid' }) }),
  z.object({ intent: z.literal('redeem'), code: z.string().max(40, 'voting.errors.invalid') }),
]);

/**
 * Waiting hands from phones holding no voting right, per item ([K10]): a script re-joining for
 * fresh sessions cannot bury the stack. Phones holding a right are never refused by it.
 */
const MAX_ANONYMOUS_WAITING = 100;

class StackFullError extends Error {}

/** Sits the attendee at a table of the current item's round (its seat key is per round). */
function joinTableNow(doc: Y.Doc, seatKey: (itemId: string) => string, table: string): void {
  const round = readRound(doc);
  if (!round) throw new BreakoutError('no-round', 'no breakout round now');
  joinTable(doc, round.itemId, seatKey(round.itemId), table);
}

/** What only a stack-keeper or a facilitator does; from a phone it is refused, not ignored. */
const KEEPER_INTENTS = new Set(['next', 'move', 'close', 'open', 'settings', 'remove', 'start-round', 'end-round', 'move-member']);

const STATUS: Record<StackError['code'], number> = { invalid: 400, closed: 409, duplicate: 409, 'not-waiting': 409, 'not-found': 404, 'not-yours': 403 };

/**
 * A raised or withdrawn hand, as a command the server checks and applies ([K6]): an attendee
 * changes only their own entries, holds one open entry per kind, and is rate limited per session.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly, session } = await requireRole(request, context, params.id, IN_THE_ROOM);
  const form = await request.formData().catch(() => null);
  if (!form) return json({ error: 'stack.errors.invalid' }, { status: 400 });
  const intent = String(form.get('intent') ?? '');
  if (KEEPER_INTENTS.has(intent)) return json({ error: 'stack.errors.forbidden' }, { status: 403 });
  const parsed = Command.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ error: parsed.error.issues[0].message.startsWith('stack.') ? parsed.error.issues[0].message : 'stack.errors.invalid' }, { status: 400 });
  const command = parsed.data;
  const kind = command.intent === 'vote' ? 'vote' : command.intent === 'redeem' ? 'code' : 'hand';
  const wait = await context.services.commandWait(assembly.id, session, kind);
  if (wait > 0) return json({ error: 'stack.errors.tooMany' }, { status: 429, headers: { 'Retry-After': String(wait) } });

  const owner = context.services.ownerTag(assembly.id, session);
  try {
    if (command.intent === 'redeem') {
      await context.services.redeemVotingCode(assembly.id, session, command.code);
      return redirect(`/a/${assembly.id}#vote`, { status: 303 });
    }
    if (command.intent === 'vote') {
      await context.services.castVote(assembly.id, session, command.proposalId, command.choice);
      return redirect(`/a/${assembly.id}#vote`, { status: 303 });
    }
    const member = command.intent === 'raise' && (await context.services.holdsVotingRight(assembly.id, session));
    await context.services.changeDoc(`${assembly.id}/plenary`, (doc) => {
      if (command.intent === 'raise') {
        if (!member && readStack(doc).queue.filter((e) => e.owner !== '').length >= MAX_ANONYMOUS_WAITING) throw new StackFullError();
        raiseHand(doc, { name: command.name, kind: command.kind, owner }, context.services.now());
      } else if (command.intent === 'withdraw') withdraw(doc, command.entryId, owner);
      else joinTableNow(doc, (itemId) => context.services.seatKey(assembly.id, session, itemId), command.table);
    });
  } catch (err) {
    const refused = refusal(err);
    if (refused) return json({ error: refused.error }, { status: refused.status, headers: refused.headers });
    throw err;
  }
  const headers = new Headers();
  if (command.intent === 'raise') headers.append('Set-Cookie', nameCookie(assembly.id, command.name, new URL(request.url).protocol === 'https:'));
  return redirect(`/a/${assembly.id}${command.intent === 'join-table' ? '#table' : '#stack'}`, { status: 303, headers });
}

const VOTE_STATUS: Record<VoteError['code'], number> = { voiceOnly: 403, noRight: 403, already: 409, closed: 409, interrupted: 409 };
const CODE_STATUS: Record<CodeError['code'], number> = { invalid: 400, unknown: 404, taken: 409, holdsAnother: 409, voiceOnly: 403 };

/** A command's refusal as the phone is told it: an i18n key, a status, and headers. */
function refusal(err: unknown): { error: string; status: number; headers?: HeadersInit } | null {
  if (err instanceof VoteError) return { error: `proposals.errors.${err.code}`, status: VOTE_STATUS[err.code] };
  if (err instanceof CodeError) return { error: `voting.errors.${err.code}`, status: CODE_STATUS[err.code] };
  if (err instanceof StackFullError) return { error: 'stack.errors.full', status: 409 };
  if (err instanceof StackError) return { error: `stack.errors.${err.code}`, status: STATUS[err.code] };
  if (err instanceof BreakoutError) return { error: `round.errors.${err.code}`, status: err.code === 'invalid' || err.code === 'no-table' ? 400 : 409 };
  if (err instanceof UnavailableError) return { error: 'errors.unavailable', status: 503, headers: { 'Retry-After': '5' } };
  return null;
}

export default function AttendeePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { status, doc, meta, agenda, currentId, itemTimer, speakerTimer, announcement, stack, round, proposals } = usePlenary(data.id, data.state);
  // Recomputed with the live list, so an opened or closed vote shows at once.
  const proposal = proposals.length ? currentProposal(doc, currentId) : null;
  const error = result && 'error' in result ? result.error : null;
  const current = agenda.find((i) => i.id === currentId);
  return (
    <>
      <AssemblyHeader title={meta.title || data.title} subtitle={t('attendee.heading')} status={status} />
      <main className="mx-auto grid max-w-3xl gap-4 px-4 py-6">
        {announcement ? (
          <p role="status" className="break-words rounded-xl bg-amber-300 p-4 text-xl font-black" data-testid="announcement">
            {announcement}
          </p>
        ) : null}
        {current ? (
          <Card className="border-amber-400" data-testid="current-item">
            <p className="text-sm font-bold uppercase text-stone-700">{t('agenda.now')}</p>
            <p className="text-2xl font-black">{current.title}</p>
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
              voted={data.voted.includes(proposal.id)}
              canVote={data.canVote}
              hasRight={data.hasRight}
              error={error?.startsWith('proposals.') || error?.startsWith('voting.') ? error : null}
            />
          </Card>
        ) : null}
        {data.canVote && data.rightsIssued && !data.hasRight && !proposal?.vote.open ? (
          <Card id="voting-code" aria-label={t('voting.enterCode')}>
            <p className="text-stone-800">{t('voting.checkIn')}</p>
            <VotingCodeForm error={error?.startsWith('voting.') ? error : null} />
          </Card>
        ) : null}
        {data.hasRight && !proposal?.vote.open ? (
          <p className="px-1 font-semibold text-green-900" data-testid="has-right">
            {t('voting.holdsRight')}
          </p>
        ) : null}
        {round && round.status !== 'ended' ? (
          <Card id="table" aria-label={t('round.yourTable')}>
            <MyTable round={round} seatKey={data.seatKey} assemblyId={data.id} />
          </Card>
        ) : null}
        <Card id="stack" aria-labelledby="stack-heading">
          <StackPhone stack={stack} mine={data.mine} savedName={data.savedName} speakerTimer={speakerTimer} error={result && 'error' in result ? result.error : null} />
        </Card>
        <Card>
          <h2 className="mb-2 text-xl font-black">{t('agenda.heading')}</h2>
          <AgendaView agenda={agenda} currentId={currentId} />
        </Card>
        <Card>
          <MetaDetails meta={meta} />
          <p className="mt-4 text-stone-800">{t('attendee.follow')}</p>
        </Card>
      </main>
    </>
  );
}
