/** Breakout rounds (`breakoutRounds`): their shape and who may change what in one. */
import * as Y from 'yjs';
import { z } from 'zod';
import { ASSIGNMENTS, MAX_MESSAGE, MAX_PROMPT, MAX_TABLES } from '../../../app/model/breakouts.js';
import { forbidden, invalid, json, mapEntry, OK, type WriteVerdict } from '../write-verdict.js';
import { instant, text } from './shapes.js';

const round = z
  .object({
    prompts: z.array(text(MAX_PROMPT)).max(20),
    minutes: z.number().int().min(1).max(240),
    assignment: z.enum(ASSIGNMENTS),
    tableCount: z.number().int().min(1).max(MAX_TABLES),
    labels: z.array(text(100)).max(MAX_TABLES),
    status: z.enum(['planned', 'running', 'ended']),
    startedAt: instant.nullable(),
    endsAt: instant.nullable(),
    message: text(MAX_MESSAGE),
    messageAt: instant.nullable(),
    members: z.record(z.string().max(128), z.string().max(80)),
  })
  .partial()
  .strict();

/** Facilitators plan, start, extend and message a round; the server ends it, seats and moves people. */
export function roundRule(before: unknown, after: unknown): WriteVerdict {
  const shape = mapEntry(round, 'a breakout round', after);
  if (!shape.ok) return shape;
  const now = json(after);
  const was = json(before);
  // Deleting a round deletes its seats: every phone at a table would lose it at once ([BR9]).
  // No console deletes a round; one nobody sits in may still go.
  if (!now) return Object.keys((was?.members ?? {}) as object).length > 0 ? forbidden('the server seats and unseats phones') : OK;
  const members = (after as Y.Map<unknown>).get('members');
  if (members !== undefined && !(members instanceof Y.Map)) return invalid('members is a map');
  if (now.status === 'ended' && was?.status !== 'ended') return forbidden('the server ends a round (it places the report-backs)');
  const seatsBefore = (was?.members ?? {}) as Record<string, string>;
  const seatsAfter = (now.members ?? {}) as Record<string, string>;
  // Seats are the server's alone ([BR9]): phones choose by command, facilitators move people by
  // command. A console moving seats from its own copy could rewrite a seat the server had just
  // changed, and be refused and disconnected for it.
  for (const [seat, table] of Object.entries(seatsAfter)) {
    if (seatsBefore[seat] === table) continue;
    return forbidden(seat in seatsBefore ? 'the server moves people between tables' : 'only the server seats a phone');
  }
  for (const seat of Object.keys(seatsBefore)) if (!(seat in seatsAfter)) return forbidden('the server seats and unseats phones');
  return OK;
}
