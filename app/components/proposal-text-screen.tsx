import type { ReactNode } from 'react';
import type { TFunction } from '~/i18n/i18n';
import { useTranslation } from '~/i18n/react';
import type { Proposal } from '~/model/proposal-shape';
import { useScreenWords } from './screen-words';
import { proposalKey } from '~/model/translations';
import { WallCells, wallAttributes, useWallTexts } from './wall-text';

/** "To carry: Two thirds" when the threshold is not a simple majority, else null; in the wall's languages. */
function useNeeds(p: Proposal): ReactNode {
  const { say } = useScreenWords();
  if (p.rule.threshold === 'simple') return null;
  const rule = (t: TFunction) =>
    p.rule.threshold === 'two-thirds' ? t('decision.thresholdOptions.two-thirds') : t('decision.consensusMinus', { count: p.rule.blocksAllowed });
  return say((t) => t('decision.needs', { rule: rule(t) }));
}

/**
 * The text the room is deciding, on the projector ([D6]): the current wording, an "Amended" marker
 * when it was edited, what it needs to carry, and up to three accepted amendments marked as
 * accepted. Nobody can tap a projector, and the join code must stay in view at 1280×720, so the
 * original is the phone's to show (`ProposalTextPhone`). Once there is a result (`brief`), the
 * text and amendments take fewer lines, so the result is what the room sees ([N25]).
 */
export function ProposalTextScreen({ proposal: p, brief = false }: { proposal: Proposal; brief?: boolean }) {
  const { t } = useTranslation();
  const { say } = useScreenWords();
  const needs = useNeeds(p);
  // The wording beside its translation ([L54]).
  const text = useWallTexts()(proposalKey(p.id), p.text);
  const clamp = brief ? 'line-clamp-2' : 'line-clamp-3';
  const accepted = p.amendments.filter((a) => a.accepted === true).slice(0, 3);
  return (
    <div data-testid="proposal-text">
      <div className="flex flex-wrap items-center gap-x-5 gap-y-1 text-2xl 2xl:text-3xl">
        <p className="font-bold uppercase text-amber-300">{say('minutes.proposal')}</p>
        {p.revisions.length ? (
          <p className="rounded bg-amber-300 px-3 font-black uppercase text-stone-950" data-testid="amended">
            {say('decision.amended')}
          </p>
        ) : null}
        {needs ? (
          <p className="font-bold text-stone-100" data-testid="needs">
            {needs}
          </p>
        ) : null}
      </div>
      <p
        {...wallAttributes(text)}
        className={`mt-1 font-black leading-tight ${text.length > 1 ? '' : clamp} ${brief ? 'text-3xl 2xl:text-5xl' : 'text-4xl 2xl:text-6xl'}`}
        data-testid="current-text"
      >
        <WallCells parts={text} clamp={clamp} />
      </p>
      {accepted.length ? (
        <ul
          className="mt-3 grid gap-1 border-s-8 border-green-300 ps-4 text-2xl 2xl:gap-2 2xl:text-4xl"
          data-testid="accepted-amendments"
          aria-label={t('decision.acceptedAmendments')}
        >
          {accepted.map((a) => (
            <li key={a.id} className={brief ? 'line-clamp-1' : 'line-clamp-2'}>
              <span className="me-3 inline-block rounded bg-green-300 px-2 align-middle text-lg font-black uppercase text-stone-950 2xl:text-2xl">
                ✓ {say('decision.acceptedMark')}
              </span>
              <span dir="auto" className="font-semibold">
                {a.text}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
