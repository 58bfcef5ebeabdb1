import { useDoc } from './use-doc';
import { useDocValue, useY } from './use-y';
import { currentItemId, itemsMap, readAgenda, runMap } from '~/model/agenda';
import { metaMap, readMeta } from '~/model/meta';
import { readAnnouncement } from '~/model/run';
import { readStack } from '~/model/stack';
import { readRound } from '~/model/breakouts';
import { readProposals } from '~/model/proposal-read';
import { readTimer, timersMap } from '~/model/timers';

/** The plenary document of an assembly page, live, starting from the server's state. */
export function usePlenary(assemblyId: string, state: string, options: { presence?: boolean } = {}) {
  const live = useDoc(`${assemblyId}/plenary`, state, options);
  const { doc } = live;
  const meta = useY(metaMap(doc), () => readMeta(doc));
  const agenda = useY(itemsMap(doc), () => readAgenda(doc));
  const currentId = useY(runMap(doc), () => currentItemId(doc));
  const announcement = useY(runMap(doc), () => readAnnouncement(doc));
  const itemTimer = useY(timersMap(doc), () => readTimer(doc, 'item'));
  const speakerTimer = useY(timersMap(doc), () => readTimer(doc, 'speaker'));
  const stack = useDocValue(doc, readStack);
  const round = useDocValue(doc, readRound);
  const proposals = useDocValue(doc, readProposals);
  return { ...live, meta, agenda, currentId, announcement, itemTimer, speakerTimer, stack, round, proposals };
}
