/**
 * Phone votes and voting rights (ADR 014, SPEC [V5]–[V8], [V10], [V12]).
 *
 * The store keeps only which rights have voted (one ballot per right, across a restart) and, once
 * a vote closes, its totals. The running tally lives in this process's memory and nowhere else,
 * so no byte on disk ever pairs a ballot with a choice: not while a vote is open, not after a
 * crash. A vote open when the process dies lost its tally, so it is void and held again.
 */
import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import type { AccessService } from '../access/access-service.js';
import type { Store } from '../storage/store.js';
import type { Tallies } from '../shared/shared-state.js';
import { closeVote, countCast, openVote, voidVote } from '../../app/model/phone-vote.js';
import { getProposal, readProposals } from '../../app/model/proposal-read.js';
import { ProposalError } from '../../app/model/proposal-shape.js';
import { CodeError, UnavailableError, VoteError, type PlenaryServices, type RequestSession } from '../../app/services.js';

export interface VotingDeps {
  store: Store;
  access: AccessService;
  readDoc: PlenaryServices['readDoc'];
  changeDoc: PlenaryServices['changeDoc'];
  /** The running tallies: this process's memory, or Redis on several nodes (ADR 029). */
  tallies: Tallies;
}

/** Most rights issued in one press: a hall's worth, and a bound on one request's work. */
export const MAX_RIGHTS_PER_ISSUE = 500;

export type Voting = Pick<
  PlenaryServices,
  | 'castVote'
  | 'hasVoted'
  | 'openVote'
  | 'closeVote'
  | 'settleVotes'
  | 'issueVotingRights'
  | 'votingRoll'
  | 'votingCounts'
  | 'revokeVotingRight'
  | 'redeemVotingCode'
  | 'holdsVotingRight'
> & {
  /** Forgets the running tallies of a deleted assembly. */
  forgetAssembly(assemblyId: string): Promise<void>;
};

export function createVoting({ store, access, readDoc, changeDoc, tallies }: VotingDeps): Voting {
  const keyOf = (assemblyId: string, proposalId: string) => `${assemblyId}:${proposalId}`;
  // Votes open when the last process stopped lost their tallies with it: void before any counting.
  // On several nodes the tallies are in Redis and outlive any one node: nothing is lost at its start.
  const voided = tallies.lostAtStart ? store.voidOpenBallots() : Promise.resolve([]);
  const ready = voided.then(() => undefined);
  const plenary = (assemblyId: string) => `${assemblyId}/plenary`;
  const holder = (assemblyId: string, session: RequestSession) => access.rightHolder(assemblyId, session);

  /** Writes a closed vote's totals, or voids a vote nobody is counting, in the document. */
  async function settle(assemblyId: string, proposalId: string): Promise<void> {
    const key = keyOf(assemblyId, proposalId);
    if (await tallies.counting(key)) return;
    const stored = await store.ballotState(assemblyId, proposalId);
    if (stored?.state === 'closed' && stored.tally) {
      const tally = stored.tally;
      await changeDoc(plenary(assemblyId), (doc) => {
        if (getProposal(doc, proposalId)?.vote.open) closeVote(doc, proposalId, tally);
      });
      return;
    }
    // Checked again in the very turn the store is told ([V12]): a facilitator may have pressed
    // "open vote" while the state was read, and voiding now would leave the store void under a
    // vote this process counts (every ballot and the close refused until a restart).
    if (await tallies.counting(key)) return;
    await store.voidBallot(assemblyId, proposalId);
    const stillNot = !(await tallies.counting(key));
    await changeDoc(plenary(assemblyId), (doc) => {
      if (getProposal(doc, proposalId)?.vote.open && stillNot) voidVote(doc, proposalId);
    });
  }

  const openIn = (doc: Y.Doc, proposalId: string) => getProposal(doc, proposalId)?.vote.open === true;

  // ... and their documents say so at once, so a projector left open stops showing "vote now".
  // Best effort: any page view or ballot settles a vote this misses.
  void voided.then(
    async (votes) => {
      for (const v of votes) await settle(v.assemblyId, v.proposalId).catch(() => {});
    },
    () => {},
  );

  return {
    async settleVotes(assemblyId) {
      await ready;
      const open = await readDoc(plenary(assemblyId), (doc) =>
        readProposals(doc)
          .filter((p) => p.vote.open)
          .map((p) => p.id),
      );
      try {
        for (const id of open) await settle(assemblyId, id);
      } catch (err) {
        // Redis out of reach: whether a vote is counted cannot be told now, and a page that reads
        // documents keeps working (ADR 029); the next view or ballot settles it ([SO53]).
        if (!(err instanceof UnavailableError)) throw err;
      }
    },

    async openVote(assemblyId, proposalId) {
      await ready;
      const found = await readDoc(plenary(assemblyId), (doc) => getProposal(doc, proposalId)?.vote ?? null);
      if (!found || found.closed) throw new VoteError('closed');
      const key = keyOf(assemblyId, proposalId);
      // Marked before the store is told, so a settle() reading the state meanwhile does not void
      // what is being opened ([V12]).
      const opened = await tallies.opening(key);
      try {
        if ((await store.openBallot(assemblyId, proposalId)) === 'closed') throw new VoteError('closed');
        // Counting from zero, unless another facilitator's press got here first.
        await tallies.start(key);
      } finally {
        await opened();
      }
      try {
        await changeDoc(plenary(assemblyId), (doc) => openVote(doc, proposalId));
      } catch (err) {
        // A failed save keeps the change in memory and retries it ([S6]): the vote stays counted.
        if (!(err instanceof ProposalError)) throw err;
        // Refused by the document (no such proposal, or closed): nothing was opened there.
        if (await tallies.untouched(key)) {
          await tallies.drop(key);
          await store.voidBallot(assemblyId, proposalId);
        }
        throw new VoteError('closed');
      }
    },

    async castVote(assemblyId, session, proposalId, choice, commandId) {
      await ready;
      if (!session.canVote) throw new VoteError('voiceOnly');
      const key = keyOf(assemblyId, proposalId);
      // A resent ballot (same command id) whose first send's node died: if that ballot was
      // recorded, it is counted now, or was already; the phone is told it voted ([SO51]).
      // A ballot without an id gets a ticket of its own (never a phone's id: '~' is not in one), so
      // the tally marks its phone as counted too and no stranded ballot of it is counted later ([SO52]).
      const phone = `${assemblyId}:${session.sessionId ?? `link:${session.linkId}`}`;
      const ticket = `${phone}:${commandId ?? `~${randomBytes(9).toString('base64url')}`}`;
      if (commandId && (await store.hasVoted(assemblyId, proposalId, holder(assemblyId, session))) && (await tallies.recover(key, ticket)) === 'counted')
        return;
      const state = await tallies.enter(key, ticket, choice);
      if (state !== 'open') {
        if (state === 'absent' && (await readDoc(plenary(assemblyId), (doc) => openIn(doc, proposalId)))) {
          await settle(assemblyId, proposalId);
          throw new VoteError('interrupted');
        }
        throw new VoteError('closed');
      }
      let result: Awaited<ReturnType<Store['castBallot']>> | null = null;
      let inTally = true;
      try {
        result = await store.castBallot(assemblyId, proposalId, holder(assemblyId, session));
      } finally {
        // Counted as the slot is given back: a close waiting for the slots sees it.
        inTally = await tallies.leave(key, ticket, result === 'counted' ? choice : null);
      }
      // The store took it after the close stopped waiting for it: not in the totals, so not "in" ([SO54]).
      if (!inTally) throw new VoteError('closed');
      if (result === 'no-right') throw new VoteError('noRight');
      if (result !== 'counted') throw new VoteError(result);
      try {
        await changeDoc(plenary(assemblyId), (doc) => countCast(doc, proposalId));
      } catch (err) {
        // Closed a moment ago: this ballot is in the tally (the close waited for it).
        if (!(err instanceof ProposalError)) throw err;
      }
    },

    hasVoted: async (assemblyId, session, proposalId) => store.hasVoted(assemblyId, proposalId, holder(assemblyId, session)),

    async closeVote(assemblyId, proposalId) {
      await ready;
      const key = keyOf(assemblyId, proposalId);
      if (!(await readDoc(plenary(assemblyId), (doc) => openIn(doc, proposalId)))) throw new VoteError('closed');
      const counted = await tallies.stop(key);
      if (!counted) {
        // Not counted by this process: its result is in the store (closed, then a failed write),
        // or it is void.
        await settle(assemblyId, proposalId);
        const state = await store.ballotState(assemblyId, proposalId);
        if (state?.state !== 'closed') throw new VoteError('interrupted');
        return;
      }
      const tally = counted;
      // A failed write leaves the vote closed in the store; pressing close again writes it.
      if (!(await store.closeBallot(assemblyId, proposalId, tally))) {
        const stored = await store.ballotState(assemblyId, proposalId);
        if (stored?.state !== 'closed' || !stored.tally) throw new VoteError('closed');
        Object.assign(tally, stored.tally);
      }
      // Eligible voters as the vote closes, for a quorum of them ([D9]): codes issued, not withdrawn.
      const roll = await store.countRights(assemblyId);
      const eligible = roll.issued > 0 ? roll.issued - roll.revoked : undefined;
      try {
        await changeDoc(plenary(assemblyId), (doc) => closeVote(doc, proposalId, tally, eligible));
      } catch (err) {
        if (!(err instanceof ProposalError)) throw err;
        // Closed by another facilitator's press.
      }
      await tallies.drop(key);
    },

    async issueVotingRights(assemblyId, count) {
      if (!Number.isInteger(count) || count < 1 || count > MAX_RIGHTS_PER_ISSUE) throw new RangeError(`issue 1–${MAX_RIGHTS_PER_ISSUE} rights at a time`);
      return access.issueVotingRights(assemblyId, count);
    },

    async votingRoll(assemblyId) {
      const rights = await access.votingRoll(assemblyId);
      return {
        issued: rights.length,
        redeemed: rights.filter((r) => r.redeemed).length,
        revoked: rights.filter((r) => r.revoked).length,
        rights,
      };
    },

    votingCounts: (assemblyId) => store.countRights(assemblyId),

    revokeVotingRight: (assemblyId, number) => access.revokeVotingRight(assemblyId, number),

    async redeemVotingCode(assemblyId, session, code) {
      if (!session.canVote) throw new CodeError('voiceOnly');
      const result = await access.redeemCode(assemblyId, session, code);
      if (result === 'redeemed' || result === 'yours') return;
      throw new CodeError(result === 'holds-another' ? 'holdsAnother' : result);
    },

    holdsVotingRight: (assemblyId, session) => store.holdsRight(assemblyId, holder(assemblyId, session)),

    forgetAssembly: (assemblyId) => tallies.dropAll(`${assemblyId}:`),
  };
}
