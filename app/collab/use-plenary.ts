import { useDoc } from './use-doc';
import { useY } from './use-y';
import { metaMap, readMeta } from '~/model/meta';

/** The plenary document of an assembly page and its meta, live, starting from the server's state. */
export function usePlenary(assemblyId: string, state: string, options: { presence?: boolean } = {}) {
  const live = useDoc(`${assemblyId}/plenary`, state, options);
  const meta = useY(metaMap(live.doc), () => readMeta(live.doc));
  return { ...live, meta };
}
