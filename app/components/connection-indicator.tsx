import { useTranslation } from '~/i18n/react';
import type { ConnectionStatus } from '~/collab/use-doc';
import { useHydrated } from '~/utils/use-hydrated';

const STYLE: Record<ConnectionStatus, string> = {
  connected: 'bg-green-700 text-white',
  connecting: 'bg-amber-300 text-stone-950',
  reconnecting: 'bg-amber-300 text-stone-950',
  offline: 'bg-red-700 text-white',
  denied: 'bg-red-700 text-white',
};

/**
 * Always visible: people must know whether what they see is live. Without JavaScript nothing is
 * live, and the badge says so instead of "Connecting…" forever ([N5]).
 */
export function ConnectionIndicator({
  status,
  large = false,
  refreshes,
}: {
  status: ConnectionStatus;
  large?: boolean;
  /** Seconds between the page's own reloads without JavaScript. */ refreshes?: number;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  if (!hydrated) {
    return (
      <noscript>
        <p
          data-testid="connection"
          data-status="static"
          className={`inline-flex shrink-0 items-center rounded-full border-2 border-stone-950 bg-white font-bold text-stone-950 ${large ? 'px-5 py-2 text-2xl' : 'px-3 py-1 text-sm'}`}
        >
          {refreshes ? t('connection.staticRefresh', { seconds: refreshes }) : t('connection.static')}
        </p>
      </noscript>
    );
  }
  return (
    <p
      role="status"
      data-status={status}
      data-testid="connection"
      className={`inline-flex shrink-0 items-center gap-2 whitespace-nowrap rounded-full font-bold ${STYLE[status]} ${large ? 'px-5 py-2 text-2xl' : 'px-3 py-1 text-sm'}`}
    >
      <span aria-hidden className={`inline-block rounded-full bg-current ${large ? 'h-4 w-4' : 'h-2.5 w-2.5'}`} />
      {t(`connection.${status}`)}
    </p>
  );
}
