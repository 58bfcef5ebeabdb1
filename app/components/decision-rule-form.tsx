import { type FormEvent } from 'react';
import { useTranslation } from '~/i18n/react';
import type * as Y from 'yjs';
import { MAX_BLOCKS_ALLOWED, QUORUMS, THRESHOLDS, type QuorumKind, type Threshold } from '~/model/decision-rule';
import { setDecisionRule, setPresent } from '~/model/proposal-edits';
import type { Proposal } from '~/model/proposal-shape';
import { Button } from './ui/button';
import { Input } from './ui/field';
import { ApplySelect } from './apply-select';

/**
 * How a proposal carries ([D8], [D9]): the threshold (with N for consensus minus N) and the quorum,
 * set before the room decides; fixed once it has voted by phone. The head count for a quorum of
 * people present may be typed at any time.
 */
export function DecisionRuleForm({
  doc,
  proposal: p,
  guard,
  eligible,
}: {
  doc: Y.Doc;
  proposal: Proposal;
  guard: (fn: () => void) => boolean;
  /** Voting codes issued and not withdrawn, or null when none were issued. */
  eligible: number | null;
}) {
  const { t } = useTranslation();
  const fixed = p.vote.open || p.vote.closed;
  const { rule } = p;
  const saveNumbers = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const num = (name: string) => (form.has(name) && String(form.get(name)).trim() !== '' ? Number(form.get(name)) : undefined);
    const blocksAllowed = num('blocksAllowed');
    const quorumMin = num('quorumMin');
    const quorumPercent = num('quorumPercent');
    const present = form.has('present') ? (num('present') ?? null) : undefined;
    guard(() => {
      if (!fixed) setDecisionRule(doc, p.id, { blocksAllowed, quorumMin, quorumPercent });
      if (present !== undefined) setPresent(doc, p.id, present);
    });
  };
  const id = (name: string) => `${p.id}-${name}`;
  return (
    <form onSubmit={saveNumbers} className="mt-3 grid gap-2 rounded-lg bg-stone-100 p-3" aria-label={t('decision.heading')} data-testid="decision-rule">
      <h4 className="font-bold">{t('decision.heading')}</h4>
      {fixed ? <p className="text-sm font-semibold">{t('decision.fixed')}</p> : null}
      <div className="flex flex-wrap items-end gap-3">
        <ApplySelect
          label={t('decision.threshold')}
          id={id('threshold')}
          value={rule.threshold}
          disabled={fixed}
          data-testid="threshold"
          applyLabel={t('choice.set')}
          applyName={t('choice.setThreshold')}
          onApply={(v) => guard(() => setDecisionRule(doc, p.id, { threshold: v as Threshold }))}
        >
          {THRESHOLDS.map((th) => (
            <option key={th} value={th}>
              {t(`decision.thresholdOptions.${th}`)}
            </option>
          ))}
        </ApplySelect>
        {rule.threshold === 'consensus-minus-n' ? (
          <label className="grid gap-1 font-bold" htmlFor={id('n')}>
            {t('decision.blocksAllowed')}
            <Input
              id={id('n')}
              name="blocksAllowed"
              type="number"
              min={0}
              max={MAX_BLOCKS_ALLOWED}
              inputMode="numeric"
              defaultValue={rule.blocksAllowed}
              key={rule.blocksAllowed}
              disabled={fixed}
              className="w-24"
            />
          </label>
        ) : null}
        <ApplySelect
          label={t('decision.quorum')}
          id={id('quorum')}
          value={rule.quorum}
          disabled={fixed}
          data-testid="quorum"
          applyLabel={t('choice.set')}
          applyName={t('choice.setQuorum')}
          onApply={(v) => guard(() => setDecisionRule(doc, p.id, { quorum: v as QuorumKind }))}
        >
          {QUORUMS.map((q) => (
            <option key={q} value={q}>
              {t(`decision.quorumOptions.${q}`)}
            </option>
          ))}
        </ApplySelect>
        {rule.quorum === 'present' ? (
          <label className="grid gap-1 font-bold" htmlFor={id('min')}>
            {t('decision.quorumMin')}
            <Input
              id={id('min')}
              name="quorumMin"
              type="number"
              min={1}
              inputMode="numeric"
              defaultValue={rule.quorumMin}
              key={rule.quorumMin}
              disabled={fixed}
              className="w-28"
            />
          </label>
        ) : null}
        {rule.quorum === 'eligible' ? (
          <label className="grid gap-1 font-bold" htmlFor={id('pct')}>
            {t('decision.quorumPercent')}
            <Input
              id={id('pct')}
              name="quorumPercent"
              type="number"
              min={1}
              max={100}
              inputMode="numeric"
              defaultValue={rule.quorumPercent}
              key={rule.quorumPercent}
              disabled={fixed}
              className="w-24"
            />
          </label>
        ) : null}
        {rule.quorum !== 'none' ? (
          <label className="grid gap-1 font-bold" htmlFor={id('present')}>
            {t('decision.present')}
            <Input
              id={id('present')}
              name="present"
              type="number"
              min={0}
              inputMode="numeric"
              defaultValue={p.present ?? ''}
              key={p.present ?? 'none'}
              className="w-28"
              data-testid="present"
            />
          </label>
        ) : null}
        {rule.threshold === 'consensus-minus-n' || rule.quorum !== 'none' ? (
          <Button type="submit" variant="secondary" size="sm">
            {t('decision.save')}
          </Button>
        ) : null}
      </div>
      <p className="text-sm">{t(`decision.thresholds.${rule.threshold}`, { count: rule.blocksAllowed })}</p>
      {rule.quorum === 'eligible' ? (
        <p className="text-sm">{eligible === null ? t('decision.noCodes') : t('decision.eligibleNow', { count: eligible })}</p>
      ) : null}
    </form>
  );
}
