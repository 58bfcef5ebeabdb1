/** The stack's entries (`stackEntries`): their shape and who may change what in one. */
import { ENTRY_KINDS, MAX_NAME } from '../../../app/model/stack.js';
import { z } from 'zod';
import { forbidden, json, mapEntry, OK, same, type WriteVerdict } from '../write-verdict.js';
import { instant, text } from './shapes.js';

const stackEntry = z
  .object({
    name: text(MAX_NAME),
    kind: z.enum([...ENTRY_KINDS, 'report']),
    itemId: z.string().max(64),
    raisedAt: instant,
    owner: text(128),
    status: z.enum(['waiting', 'spoken', 'withdrawn']),
    calledAt: instant.nullable(),
    endedAt: instant.nullable(),
    movedKey: z.array(z.number().finite()).length(3),
    text: text(2000),
  })
  .partial()
  .strict();

/** Keepers add, call, move and withdraw turns; phones' hands and report-backs come from the server. */
export function stackEntryRule(before: unknown, after: unknown): WriteVerdict {
  const shape = mapEntry(stackEntry, 'a stack entry', after);
  if (!shape.ok) return shape;
  const was = json(before);
  const now = json(after);
  if (!was && now) {
    if ((now.owner ?? '') !== '') return forbidden('only the server tags a phone’s hand');
    if (now.kind === 'report' || (now.text ?? '') !== '') return forbidden('report-backs are placed by the server');
    return OK;
  }
  if (was && !now) {
    if ((was.owner ?? '') !== '' || was.kind === 'report') return forbidden('a phone’s hand or a report-back is withdrawn, not deleted');
    return OK;
  }
  for (const field of ['owner', 'kind', 'text', 'name', 'raisedAt'] as const) {
    if (!same(was?.[field], now?.[field])) return forbidden(`a stack entry’s ${field} does not change`);
  }
  return OK;
}
