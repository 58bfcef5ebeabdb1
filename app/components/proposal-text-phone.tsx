import { useTranslation } from '~/i18n/react';
import type { Proposal } from '~/model/proposal-shape';
import { amendmentKey, proposalKey } from '~/model/translations';
import { Translated } from './translated';

/** "To carry: Two thirds" when the threshold is not a simple majority, else null. */
function useNeeds(p: Proposal): string | null {
  const { t } = useTranslation();
  if (p.rule.threshold === 'simple') return null;
  const rule = p.rule.threshold === 'two-thirds' ? t('decision.thresholdOptions.two-thirds') : t('decision.consensusMinus', { count: p.rule.blocksAllowed });
  return t('decision.needs', { rule });
}

/**
 * The text the room is deciding, on the phone's vote card ([D6]): the current wording, "Amended"
 * when it was edited, what it needs to carry, every accepted amendment marked as accepted, and
 * the original behind a <details>. (The projector's is proposal-text-screen.tsx: separate files,
 * so each page's bundle carries only its own.)
 */
export function ProposalTextPhone({ proposal: p }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const needs = useNeeds(p);
  const accepted = p.amendments.filter((a) => a.accepted === true);
  return (
    <div data-testid="proposal-text">
      <h2 className="flex flex-wrap items-center gap-2 text-sm font-bold uppercase text-stone-700">
        {t('minutes.proposal')}
        {p.revisions.length ? (
          <span className="rounded bg-amber-200 px-2 text-stone-950" data-testid="amended">
            {t('decision.amended')}
          </span>
        ) : null}
      </h2>
      <Translated k={proposalKey(p.id)} source={p.text} as="p" className="break-words text-xl font-black" data-testid="current-text" />
      {needs ? (
        <p className="mt-1 font-bold" data-testid="needs">
          {needs}
        </p>
      ) : null}
      {accepted.length ? (
        <div className="mt-2" data-testid="accepted-amendments">
          <p className="text-sm font-bold uppercase text-stone-700">{t('decision.acceptedAmendments')}</p>
          <ul className="grid gap-2 text-lg">
            {accepted.map((a) => (
              <li key={a.id}>
                <span className="me-2 inline-block rounded bg-green-100 px-2 align-middle text-sm font-black uppercase text-green-900">
                  ✓ {t('decision.acceptedMark')}
                </span>
                <Translated k={amendmentKey(p.id, a.id)} source={a.text} className="font-semibold" />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.revisions.length ? (
        <details className="mt-2" data-testid="original">
          <summary className="cursor-pointer font-bold underline">{t('decision.seeOriginal')}</summary>
          <p dir="auto" className="mt-1 border-s-4 border-stone-400 ps-2">
            {p.revisions[0].text}
          </p>
        </details>
      ) : null}
    </div>
  );
}
