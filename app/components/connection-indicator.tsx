import { useTranslation } from '~/i18n/react';
import type { ConnectionStatus } from '~/collab/use-doc';

const STYLE: Record<ConnectionStatus, string> = {
  connected: 'bg-green-700 text-white',
  connecting: 'bg-amber-300 text-stone-950',
  reconnecting: 'bg-amber-300 text-stone-950',
  offline: 'bg-red-700 text-white',
  denied: 'bg-red-700 text-white',
};

/** Always visible: people must know whether what they see is live. */
export function ConnectionIndicator({ status, large = false }: { status: ConnectionStatus; large?: boolean }) {
  const { t } = useTranslation();
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
