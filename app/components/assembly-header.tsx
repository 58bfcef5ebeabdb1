import type { ReactNode } from 'react';
import { ConnectionIndicator } from './connection-indicator';
import type { ConnectionStatus } from '~/collab/use-doc';
import { LanguageSwitcher } from '~/root';

/**
 * Title, what this screen is, and whether it is live: at the top of every assembly page. A page
 * with no live connection (a plain form) passes no `status` and shows no badge: a badge that
 * says "Live" must mean it.
 */
export function AssemblyHeader({
  title,
  subtitle,
  status,
  refreshes,
  children,
}: {
  title: string;
  subtitle: string;
  status?: ConnectionStatus;
  refreshes?: number;
  children?: ReactNode;
}) {
  return (
    <header className="border-b-2 border-stone-300 bg-white px-4 py-3 sm:px-6">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-bold uppercase tracking-wide text-stone-700">{subtitle}</p>
          <h1 dir="auto" className="break-words text-2xl font-black sm:text-3xl" data-testid="assembly-title">
            {title}
          </h1>
        </div>
        {status ? <ConnectionIndicator status={status} refreshes={refreshes} /> : null}
      </div>
      <div className="mx-auto mt-3 flex max-w-5xl flex-wrap items-center justify-between gap-3">
        <LanguageSwitcher />
        {children}
      </div>
    </header>
  );
}
