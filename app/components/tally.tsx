import type { ReactNode } from 'react';
import { formatNumber } from '~/i18n/format';
import { useTranslation } from '~/i18n/react';
import { CHOICES, type Proposal } from '~/model/proposal-shape';

/** For / against / abstain, as counted. */
export function Tally({
  proposal: p,
  className = '',
  say,
}: {
  proposal: Proposal;
  className?: string;
  /** Its words in other languages than the page's (the projector's, [L51]). */
  say?: (key: string) => ReactNode;
}) {
  const { t: pageT, i18n } = useTranslation();
  const t = say ?? pageT;
  return (
    <dl className={`flex flex-wrap gap-x-10 gap-y-2 ${className}`} data-testid="tally">
      {CHOICES.map((c) => (
        <div key={c} className="border-s-4 border-current ps-3 first:border-s-0 first:ps-0">
          <dt className="text-sm font-bold uppercase">{t(`proposals.choices.${c}`)}</dt>
          <dd className="font-mono text-2xl font-black" data-choice={c}>
            {formatNumber(i18n.language, p.counts[c])}
          </dd>
        </div>
      ))}
    </dl>
  );
}
