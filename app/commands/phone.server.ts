import type { AppLoadContext } from '@remix-run/node';
import * as Y from 'yjs';
import { issueKey } from '~/i18n/issue-key';
import { z } from 'zod';
import { currentItemId } from '~/model/agenda';
import { ID_PATTERN } from '~/model/ids';
import { BreakoutError, joinTable, readRound } from '~/model/breakouts';
import { CHOICES } from '~/model/proposal-shape';
import { readProposals } from '~/model/proposal-read';
import { ENTRY_KINDS, MAX_NAME, ownedBy, raiseHand, readEntries, readStack, withdraw } from '~/model/stack';
import { refusalOf } from './refusals.server';
import { UnavailableError, type AssemblySummary, type CommandAnswer, type RequestSession } from '~/services';

/**
 * The commands a phone in the room sends (raise or withdraw a hand, sit at a table, vote, redeem
 * a voting code), checked and applied by the server ([K6]). The page's plain form posts (no
 * JavaScript) and the page's command queue (JavaScript, [N1]) both come here, so the two can
 * never answer differently.
 */

/** A command id: made up by the phone (or by the page it was served, without JavaScript). */
export const COMMAND_ID = /^[A-Za-z0-9_-]{8,64}$/;

const Command = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('raise'),
    name: z.string().trim().min(1, 'stack.errors.name').max(MAX_NAME, 'stack.errors.nameLong'),
    kind: z.enum(ENTRY_KINDS, { message: 'stack.errors.kind' }),
    // The item the phone showed ([G5]): a raise the outbox sends late must not land on another item.
    itemId: z.string().max(64).optional(),
  }),
  z.object({ intent: z.literal('withdraw'), entryId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal('join-table'), table: z.string().regex(ID_PATTERN, 'round.errors.no-table') }),
  z.object({ intent: z.literal('vote'), proposalId: z.string().min(1).max(64), choice: z.enum(CHOICES, { message: 'proposals.errors.invalid' }) }),
  z.object({ intent: z.literal('redeem'), code: z.string().max(40, 'voting.errors.invalid') }),
]);
type Command = z.infer<typeof Command>;

/** Where each command's result shows on the page. */
const ANCHOR: Record<Command['intent'], string> = { raise: 'stack', withdraw: 'stack', 'join-table': 'table', vote: 'vote', redeem: 'vote' };

/**
 * Waiting hands from phones holding no voting right, per item ([K10]): a script re-joining for
 * fresh sessions cannot bury the stack. Phones holding a right are never refused by it.
 */
const MAX_ANONYMOUS_WAITING = 100;

class StackFullError extends Error {}

/** A raise for an item that is no longer the current one (sent late from the outbox, [G5]). */
class MovedOnError extends Error {}

/**
 * Parses and applies one command from a phone's form; never throws for anything the phone sent.
 * What only a stack-keeper or a facilitator does (`next`, `end-round`, ...) is no phone command:
 * refused as malformed, never ignored.
 */
export async function phoneCommand(context: AppLoadContext, assembly: AssemblySummary, session: RequestSession, form: FormData): Promise<CommandAnswer> {
  const fields = Object.fromEntries([...form].filter(([key]) => key !== 'commandId'));
  const parsed = Command.safeParse(fields);
  if (!parsed.success) {
    const key = issueKey(parsed.error.issues[0], 'stack.errors.invalid');
    return { status: 400, error: /^(stack|round|proposals|voting)\./.test(key) ? key : 'stack.errors.invalid' };
  }
  const id = form.get('commandId');
  const run = () => apply(context, assembly, session, parsed.data, typeof id === 'string' && id !== '' ? id : undefined);
  // Without an id (a script, an old page) the command simply runs; a malformed id is refused.
  if (id === null || id === '') return run();
  if (typeof id !== 'string' || !COMMAND_ID.test(id)) return { status: 400, error: 'stack.errors.invalid' };
  // Redis out of reach while the id is looked up: "try again" (503), like a failing disk ([SO53]).
  return context.services.commandOnce(assembly.id, session, id, run).catch((err: unknown) => {
    if (err instanceof UnavailableError) return { ...refusalOf(err)!, anchor: ANCHOR[parsed.data.intent] };
    throw err;
  });
}

async function apply(
  context: AppLoadContext,
  assembly: AssemblySummary,
  session: RequestSession,
  command: Command,
  commandId?: string,
): Promise<CommandAnswer> {
  const anchor = ANCHOR[command.intent];
  try {
    const kind = command.intent === 'vote' ? 'vote' : command.intent === 'redeem' ? 'code' : 'hand';
    const wait = await context.services.commandWait(assembly.id, session, kind);
    if (wait > 0) return { status: 429, error: 'stack.errors.tooMany', retryAfter: wait };
    if (command.intent === 'redeem') {
      await context.services.redeemVotingCode(assembly.id, session, command.code);
      return { status: 200, anchor };
    }
    if (command.intent === 'vote') {
      await context.services.castVote(assembly.id, session, command.proposalId, command.choice, commandId);
      return { status: 200, anchor };
    }
    const owner = context.services.ownerTag(assembly.id, session);
    const member = command.intent === 'raise' && (await context.services.holdsVotingRight(assembly.id, session));
    await context.services.changeDoc(`${assembly.id}/plenary`, (doc) => {
      if (command.intent === 'raise') {
        if (command.itemId !== undefined && command.itemId !== (currentItemId(doc) ?? '')) throw new MovedOnError();
        if (!member && readStack(doc).queue.filter((e) => e.owner !== '').length >= MAX_ANONYMOUS_WAITING) throw new StackFullError();
        raiseHand(doc, { name: command.name, kind: command.kind, owner }, context.services.now());
      } else if (command.intent === 'withdraw') withdraw(doc, command.entryId, owner);
      else joinTableNow(doc, (itemId) => context.services.seatKey(assembly.id, session, itemId), command.table);
    });
    return { status: 200, anchor, name: command.intent === 'raise' ? command.name : undefined };
  } catch (err) {
    const refused = refusal(err);
    if (refused) return { ...refused, anchor };
    throw err;
  }
}

/** Sits the attendee at a table of the current item's round (its seat key is per round). */
function joinTableNow(doc: Y.Doc, seatKey: (itemId: string) => string, table: string): void {
  const round = readRound(doc);
  if (!round) throw new BreakoutError('no-round', 'noRound');
  joinTable(doc, round.itemId, seatKey(round.itemId), table);
}

/** A command's refusal as the phone is told it: an i18n key and a status. */
function refusal(err: unknown): CommandAnswer | null {
  if (err instanceof StackFullError) return { error: 'stack.errors.full', status: 409 };
  if (err instanceof MovedOnError) return { error: 'stack.errors.movedOn', status: 409 };
  return refusalOf(err);
}

/** What only the server can tell a phone about itself: its hands, its seat, its ballots, its right. */
export interface PhoneState {
  mine: string[];
  seatKey: string | null;
  voted: string[];
  hasRight: boolean;
}

/**
 * Reads this phone's own state, with anything else the caller wants from the same read of the
 * server's copy (the page also takes the whole state to render).
 */
export async function readPhoneState<T = undefined>(
  context: AppLoadContext,
  assemblyId: string,
  session: RequestSession,
  also?: (doc: Y.Doc, state: () => Uint8Array) => T,
): Promise<PhoneState & { also: T }> {
  const tag = context.services.ownerTag(assemblyId, session);
  const read = await context.services.readDoc(`${assemblyId}/plenary`, (doc, state) => {
    const round = readRound(doc);
    return {
      also: also?.(doc, state) as T,
      mine: ownedBy(readEntries(doc), tag).map((e) => e.id),
      seatKey: round ? context.services.seatKey(assemblyId, session, round.itemId) : null,
      open: readProposals(doc)
        .filter((p) => p.vote.open)
        .map((p) => p.id),
    };
  });
  // Which open votes this phone has cast (whether, never how).
  const voted = [];
  for (const id of read.open) if (await context.services.hasVoted(assemblyId, session, id)) voted.push(id);
  const hasRight = session.canVote && (await context.services.holdsVotingRight(assemblyId, session));
  return { also: read.also, mine: read.mine, seatKey: read.seatKey, voted, hasRight };
}
