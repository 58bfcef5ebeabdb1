import { useTranslation } from 'react-i18next';
import type { Proposal } from '~/model/proposals';

/**
 * The text the room is deciding ([D6]), on the projector and the phone: the current wording, an
 * "Amended" marker when it was edited, what it needs to carry when that is not a simple majority,
 * the accepted amendments marked as accepted, and the original (on the phone behind a <details>;
 * the projector, which nobody can tap and which must keep its join code in view, shows the
 * wording the room votes on and no more).
 */
export function ProposalText({ proposal: p, variant }: { proposal: Proposal; variant: 'screen' | 'phone' }) {
  const { t } = useTranslation();
  const accepted = p.amendments.filter((a) => a.accepted === true);
  const amended = p.revisions.length > 0;
  const screen = variant === 'screen';
  const needs =
    p.rule.threshold === 'simple'
      ? null
      : t('decision.needs', {
          rule: p.rule.threshold === 'two-thirds' ? t('decision.thresholdOptions.two-thirds') : t('decision.consensusMinus', { count: p.rule.blocksAllowed }),
        });
  return (
    <div data-testid="proposal-text">
      <div className={screen ? 'flex flex-wrap items-center gap-x-5 gap-y-1 text-2xl 2xl:text-3xl' : 'flex flex-wrap items-center gap-x-2 gap-y-1 text-sm'}>
        <p className={screen ? 'font-bold uppercase text-amber-300' : 'font-bold uppercase text-stone-700'}>{t('minutes.proposal')}</p>
        {amended ? (
          <p className={screen ? 'rounded bg-amber-300 px-3 font-black uppercase text-stone-950' : 'rounded bg-amber-200 px-2 font-bold uppercase text-stone-950'} data-testid="amended">
            {t('decision.amended')}
          </p>
        ) : null}
        {needs && screen ? (
          <p className="font-bold text-stone-100" data-testid="needs">
            {needs}
          </p>
        ) : null}
      </div>
      <p className={screen ? 'mt-1 line-clamp-3 text-4xl font-black leading-tight 2xl:text-6xl' : 'text-xl font-black'} data-testid="current-text">
        {p.text}
      </p>
      {needs && !screen ? (
        <p className="mt-1 font-bold" data-testid="needs">
          {needs}
        </p>
      ) : null}
      {accepted.length ? (
        <div className={screen ? 'mt-3 border-l-8 border-green-300 pl-4' : 'mt-2'} data-testid="accepted-amendments">
          <p className={screen ? 'sr-only' : 'text-sm font-bold uppercase text-stone-700'}>{t('decision.acceptedAmendments')}</p>
          <ul className={screen ? 'grid gap-1 text-2xl 2xl:gap-2 2xl:text-4xl' : 'grid gap-2 text-lg'}>
            {accepted.slice(0, screen ? 3 : accepted.length).map((a) => (
              <li key={a.id} className={screen ? 'line-clamp-2' : ''}>
                <span
                  className={
                    screen
                      ? 'mr-3 inline-block rounded bg-green-300 px-2 align-middle text-lg font-black uppercase text-stone-950 2xl:text-2xl'
                      : 'mr-2 inline-block rounded bg-green-100 px-2 align-middle text-sm font-black uppercase text-green-900'
                  }
                >
                  ✓ {t('decision.acceptedMark')}
                </span>
                <span className="font-semibold">{a.text}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {amended && !screen ? (
        <details className="mt-2" data-testid="original">
          <summary className="cursor-pointer font-bold underline">{t('decision.seeOriginal')}</summary>
          <p className="mt-1 border-l-4 border-stone-400 pl-2">{p.revisions[0].text}</p>
        </details>
      ) : null}
    </div>
  );
}
