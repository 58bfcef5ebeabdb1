import type { ReactNode } from 'react';
import { useTranslation } from '~/i18n/react';
import type { ConnectionStatus } from '~/collab/use-doc';

/**
 * The controls of a live page, switched off once the server has shut this link out for good
 * (`denied`: revoked, or the assembly deleted). Nothing done here would reach anyone, so the page
 * says so plainly and offers nothing to press ([H8]). A `<fieldset disabled>` turns off every
 * button, field and tick box inside it at once, including ones added later; `contents` keeps the
 * page's layout as it was. Rich-text editors are not form controls: their pages pass
 * `editable={false}` to them as well.
 */
export function LiveControls({ status, children }: { status: ConnectionStatus; children: ReactNode }) {
  const { t } = useTranslation();
  const denied = status === 'denied';
  return (
    <>
      {denied ? (
        <div role="alert" data-testid="link-denied" className="rounded-lg border-4 border-red-700 bg-red-50 p-4 text-red-950">
          <p className="text-xl font-black">{t('connection.deniedHeading')}</p>
          <p className="mt-1 text-lg">{t('connection.deniedBody')}</p>
        </div>
      ) : null}
      <fieldset disabled={denied} aria-disabled={denied || undefined} className="contents">
        {children}
      </fieldset>
    </>
  );
}
