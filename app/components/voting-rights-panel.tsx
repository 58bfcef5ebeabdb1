import { useFetcher } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from '~/i18n/react';
import { Button } from './ui/button';
import { Input } from './ui/field';

type Counts = { issued: number; redeemed: number; revoked: number };
const ROLL_POLL_MS = 4_000;

type IssueResult = { issued?: { count: number; from: number; to: number }; error?: string };
type RevokeResult = { revokedRight?: number; error?: string };

/**
 * The console's voting rights ([V5]): make N codes for the check-in desk and print them, withdraw
 * a lost one by its number, and see the roll's counts. Never who holds a code, never who voted how.
 */
export function VotingRightsPanel({
  assemblyId,
  counts,
  heading = true,
}: {
  assemblyId: string;
  counts: Counts;
  /** False where the page names the panel itself. */ heading?: boolean;
}) {
  const { t } = useTranslation();
  const issuer = useFetcher<IssueResult>();
  const revoker = useFetcher<RevokeResult>();
  // Codes are used at the desk and on phones, not in this document: the counts are polled, with
  // plain fetch (a fetcher's failed load would replace the console with the error page while
  // the server restarts).
  const [polled, setPolled] = useState<Counts | null>(null);
  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const res = await fetch(`/a/${assemblyId}/roll`, { headers: { accept: 'application/json' } });
        if (res.ok && !stopped) setPolled((await res.json()) as Counts);
      } catch {
        // Offline for a moment: the next poll tries again.
      }
    };
    const timer = setInterval(() => void refresh(), ROLL_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [assemblyId]);
  // Every count only grows, so the larger of the page's and the poll's is the fresher.
  const latest = polled ?? counts;
  const shown = {
    issued: Math.max(counts.issued, latest.issued),
    redeemed: Math.max(counts.redeemed, latest.redeemed),
    revoked: Math.max(counts.revoked, latest.revoked),
  };
  const sheet = `/a/${assemblyId}/codes`;
  const issued = issuer.data?.issued;
  return (
    <div className="grid gap-3" data-testid="voting-rights">
      {heading ? (
        <h2 id="voting-heading" className="text-xl font-black">
          {t('voting.heading')}
        </h2>
      ) : null}
      <p className="text-stone-800">{t('voting.intro')}</p>
      <p className="text-lg font-bold" data-testid="voting-counts" aria-live="polite">
        {shown.issued > 0 ? t('voting.counts', shown) : t('voting.none')}
      </p>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <issuer.Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="issue-rights" />
          <label className="grid gap-1 font-bold">
            {t('voting.issueCount')}
            <Input name="count" type="number" inputMode="numeric" min={1} max={500} defaultValue={50} className="max-w-32" />
          </label>
          <Button type="submit" disabled={issuer.state !== 'idle'}>
            {t('voting.issue')}
          </Button>
        </issuer.Form>
        {shown.issued > 0 ? (
          <a className="inline-flex min-h-11 items-center rounded-lg border-2 border-stone-950 px-4 font-bold" href={sheet} target="_blank" rel="noreferrer">
            {t('voting.print')}
          </a>
        ) : null}
      </div>
      {issued ? (
        <p role="status" className="font-semibold text-green-900" data-testid="codes-issued">
          {t('voting.issued', { count: issued.count })}{' '}
          <a className="underline" href={`${sheet}?from=${issued.from}&to=${issued.to}`} target="_blank" rel="noreferrer">
            {t('voting.sheetPrint')}
          </a>
        </p>
      ) : null}
      {issuer.data?.error ? (
        <p role="alert" className="font-semibold text-red-800">
          {t(issuer.data.error)}
        </p>
      ) : null}
      <revoker.Form method="post" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="revoke-right" />
        <label className="grid gap-1 font-bold">
          {t('voting.revokeNumber')}
          <Input name="number" type="number" inputMode="numeric" min={1} className="max-w-32" />
        </label>
        <Button type="submit" variant="danger" disabled={revoker.state !== 'idle'}>
          {t('voting.revoke')}
        </Button>
      </revoker.Form>
      <p className="text-sm text-stone-800" data-testid="revoke-hint">
        {t('voting.revokeHint')}
      </p>
      {revoker.data?.revokedRight ? (
        <p role="status" className="font-semibold">
          {t('voting.revoked', { number: String(revoker.data.revokedRight) })}
        </p>
      ) : null}
      {revoker.data?.error ? (
        <p role="alert" className="font-semibold text-red-800">
          {t(revoker.data.error)}
        </p>
      ) : null}
    </div>
  );
}
