import { useTranslation } from '~/i18n/react';
import { CHOICES, type Proposal } from '~/model/proposal-shape';
import { showsCounts } from '~/model/counts';
import { Tally } from './tally';
import { ProposalTextPhone } from './proposal-text-phone';
import { VotingCodeForm } from './voting-code-form';
import { CommandForm, useCommandBusy } from './phone-commands';

/**
 * The proposal the room is deciding, on an attendee's phone: three large buttons while a phone
 * vote is open (a plain form post: it works without JavaScript), then the result.
 */
export function VoteCard({
  proposal: p,
  voted,
  canVote,
  hasRight,
  error,
}: {
  proposal: Proposal;
  voted: boolean;
  canVote: boolean;
  /** Whether this phone holds a voting right (a redeemed code); without one it is told how to get one. */
  hasRight: boolean;
  error: string | null;
}) {
  const { t } = useTranslation();
  const busy = useCommandBusy();
  return (
    <div data-testid="vote-card">
      <ProposalTextPhone proposal={p} />
      {p.vote.open ? (
        voted ? (
          <p role="status" className="mt-3 rounded-lg bg-green-100 p-3 text-lg font-bold text-green-900" data-testid="voted">
            {t('proposals.yourVote')}
          </p>
        ) : !canVote ? (
          <p className="mt-3 rounded-lg bg-stone-200 p-3 font-semibold">{t('proposals.voiceOnly')}</p>
        ) : !hasRight ? (
          <div className="mt-3 rounded-lg bg-amber-100 p-3" data-testid="needs-code">
            <p className="font-semibold">{t('voting.needCode')}</p>
            <VotingCodeForm error={error?.startsWith('voting.') ? error : null} />
          </div>
        ) : (
          <CommandForm name={`vote-${p.id.slice(0, 12)}`} className="mt-3 grid gap-2" aria-label={t('proposals.voteNow')}>
            <input type="hidden" name="intent" value="vote" />
            <input type="hidden" name="proposalId" value={p.id} />
            {CHOICES.map((c) => (
              <button
                key={c}
                type="submit"
                name="choice"
                value={c}
                aria-disabled={busy || undefined}
                className="min-h-14 rounded-lg border-4 border-stone-950 bg-white text-2xl font-black active:bg-stone-950 active:text-white"
              >
                {t(`proposals.choices.${c}`)}
              </button>
            ))}
          </CommandForm>
        )
      ) : null}
      {p.vote.open ? <p className="mt-2 font-semibold">{t('proposals.cast', { count: p.vote.cast })}</p> : null}
      {p.vote.interrupted ? (
        <p role="status" className="mt-3 rounded-lg bg-stone-200 p-3 font-semibold" data-testid="vote-interrupted">
          {t('voting.interruptedPhone')}
        </p>
      ) : null}
      {error && !error.startsWith('voting.') ? (
        <p role="alert" className="mt-2 font-semibold text-red-800" data-testid="vote-error">
          {t(error)}
        </p>
      ) : null}
      {p.outcome || p.vote.closed ? (
        <div className="mt-3">
          {showsCounts(p) ? <Tally proposal={p} /> : null}
          {p.outcome ? (
            <p className="mt-2 text-2xl font-black" data-testid="outcome-shown">
              {t(`proposals.outcomes.${p.outcome}`)}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
