import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '~/i18n/react';
import { useServerNow } from '~/collab/use-server-now';
import type { Proposal } from '~/model/proposal-shape';
import { proposalKey } from '~/model/translations';
import { useShown } from './translated';
import type { StackView } from '~/model/stack';
import { remainingMs, type TimerState } from '~/model/timers';

/** A place that keeps changing is said once it has held this long (the stack moves in bursts). */
const PLACE_SETTLE_MS = 4000;

/**
 * What a screen-reader user in the room must hear without looking for it ([N7]): their place on
 * the stack (said once it settles, not at every move), being called, the item running over, a
 * vote opening, a vote closing with its outcome. Two visually hidden live regions that exist
 * from the first render (a region added with its text is often not read).
 */
export function PhoneAnnouncer({
  stack,
  mine,
  itemId,
  itemTimer,
  proposal,
}: {
  stack: StackView;
  mine: string[];
  itemId: string | null;
  itemTimer: TimerState | null;
  proposal: Proposal | null;
}) {
  const { t } = useTranslation();
  const [polite, setPolite] = useState('');
  const [assertive, setAssertive] = useState('');
  const now = useServerNow(1000);

  // Being called: at once, assertively.
  const calledId = stack.speaker && mine.includes(stack.speaker.id) ? stack.speaker.id : null;
  const saidCalled = useRef<string | null>(null);
  useEffect(() => {
    if (!calledId || saidCalled.current === calledId) return;
    saidCalled.current = calledId;
    setAssertive(t('turn.yourTurn'));
  }, [calledId, t]);

  // The place on the stack: coalesced, said once it holds for a few seconds.
  const index = stack.queue.findIndex((e) => mine.includes(e.id));
  const place = index === -1 ? null : index + 1;
  const saidPlace = useRef<number | null>(null);
  useEffect(() => {
    if (place === null) {
      saidPlace.current = null;
      return;
    }
    if (place === saidPlace.current) return;
    const timer = setTimeout(() => {
      saidPlace.current = place;
      setPolite(place === 1 ? t('turn.next') : t('announce.place', { place }));
    }, PLACE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [place, t]);

  // The item running over: once per item.
  const over = itemTimer !== null && now !== null && itemTimer.startedAt !== null && remainingMs(itemTimer, now) < 0;
  const saidOver = useRef<string | null>(null);
  useEffect(() => {
    if (!over || !itemId || saidOver.current === itemId) return;
    saidOver.current = itemId;
    setPolite(t('announce.over'));
  }, [over, itemId, t]);

  // A vote opening and closing: said when it changes, not for the state the page loaded in; the
  // proposal in this phone's language when its translation is current ([L71]).
  const spoken = useShown(proposal ? proposalKey(proposal.id) : '', proposal?.text ?? '').shown.text;
  const voteKey = proposal
    ? `${proposal.id}:${proposal.vote.open ? 'open' : proposal.vote.closed || proposal.outcome ? 'closed' : 'none'}:${proposal.outcome ?? ''}`
    : null;
  const seenVote = useRef(voteKey);
  useEffect(() => {
    if (!proposal || voteKey === seenVote.current) return;
    const before = seenVote.current;
    seenVote.current = voteKey;
    if (proposal.vote.open) setAssertive(t('announce.voteOpen', { text: spoken }));
    else if (before?.startsWith(`${proposal.id}:`) && (proposal.vote.closed || proposal.outcome)) {
      setPolite(proposal.outcome ? t('announce.voteClosed', { outcome: t(`proposals.outcomes.${proposal.outcome}`) }) : t('announce.voteClosedNoOutcome'));
    }
  }, [voteKey, proposal, spoken, t]);

  return (
    <>
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announce-polite">
        {polite}
      </div>
      <div aria-live="assertive" aria-atomic="true" className="sr-only" data-testid="announce-assertive">
        {assertive}
      </div>
    </>
  );
}
