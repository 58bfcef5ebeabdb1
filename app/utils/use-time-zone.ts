import { useRouteLoaderData } from '@remix-run/react';
import type * as Y from 'yjs';
import { metaMap } from '~/model/meta';
import { usableTimeZone } from '~/model/time-zone';
import type { loader as rootLoader } from '~/root';

/**
 * The zone an assembly's times are shown in ([L34]): its own, else the server's (from the root
 * loader, so the server's render and every browser agree, whatever zone the laptop is set to).
 */
export function useTimeZone(meta: { timeZone: string | null } | null | undefined): string {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  return meta?.timeZone ?? root?.timeZone ?? 'UTC';
}

/** The zone of the assembly whose plenary document this is (for components given the doc only). */
export function useDocTimeZone(doc: Y.Doc): string {
  return useTimeZone({ timeZone: usableTimeZone(metaMap(doc).get('timeZone')) });
}
