import { json, type AppLoadContext } from '@remix-run/node';
import { z } from 'zod';
import { MAX_TABLES, moveSeat, moveTable, tableId } from '~/model/breakouts';
import { isId } from '~/model/ids';
import { refusalResponse } from './refusals.server';

const tableNumber = z.coerce.number().int().min(1).max(MAX_TABLES);
const itemId = z.string().refine(isId);

/** One person (a seat of this round) to another table; `itemId` names the round the console showed. */
const MoveMember = z.object({ intent: z.literal('move-member'), itemId, seat: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/), table: tableNumber });
/** Everyone at table `from` to table `to` (a small table merged into another). */
const MoveTable = z.object({ intent: z.literal('move-table'), itemId, from: tableNumber, to: tableNumber });
const Move = z.discriminatedUnion('intent', [MoveMember, MoveTable]);

/** How each refusal answers: the click was malformed (400), or the room has moved on (404/409). */

/**
 * A facilitator's move, applied by the server to its own copy of the plenary document ([BR9],
 * [BR10]): seats are the server's to write, so a move never races a phone's seat in a
 * facilitator's socket (a seat the phone changed a moment before cannot make the console's update
 * be refused and the console disconnected). The press carries its round (the item id) and the
 * seat or tables it saw; anything that no longer holds is refused and nothing changes.
 */
export async function moveAction(context: AppLoadContext, assemblyId: string, form: FormData) {
  const parsed = Move.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ error: 'round.errors.invalid' }, { status: 400 });
  const move = parsed.data;
  try {
    const moved = await context.services.changeDoc(`${assemblyId}/plenary`, (doc) => {
      if (move.intent === 'move-member') return moveSeat(doc, move.itemId, move.seat, move.table) ? 1 : 0;
      if (move.from === move.to) return 0;
      return moveTable(doc, move.itemId, tableId(move.itemId, move.from), tableId(move.itemId, move.to));
    });
    return json({ moved });
  } catch (err) {
    return refusalResponse(err);
  }
}
