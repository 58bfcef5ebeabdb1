import { useTranslation } from '~/i18n/react';
import { explainSuggestion } from '~/model/decision-text';
import { suggestion } from '~/model/decision-suggest';
import type { Proposal } from '~/model/proposal-shape';

/**
 * What the counts suggest under the threshold and quorum, and why ([D10]): "34 for, 12 against:
 * 73% ≥ 2/3", "Quorum 40, 46 present: met", "Suggested: carried". The facilitator records it.
 */
export function SuggestionBox({ proposal: p, eligible }: { proposal: Proposal; eligible: number | null }) {
  const { t } = useTranslation();
  const s = suggestion(p, eligible);
  if (!s || p.vote.open || (!s.threshold && !s.quorum)) return null;
  const { reasons, outcome } = explainSuggestion(t, s, p.rule);
  const tone = s.outcome === 'carried' ? 'border-green-800' : s.outcome === 'failed' || s.outcome === 'no-quorum' ? 'border-red-800' : 'border-stone-500';
  return (
    <div className={`rounded-lg border-s-8 bg-white p-2 ${tone}`} data-testid="suggestion" aria-live="polite">
      {outcome ? <p className="text-lg font-black">{outcome}</p> : null}
      <ul className="text-base">
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}
