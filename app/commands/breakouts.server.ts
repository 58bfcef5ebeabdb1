import { json, type AppLoadContext } from '@remix-run/node';
import { z } from 'zod';
import { currentItemId } from '~/model/agenda';
import { BreakoutError, endRoundWithReports, MAX_TABLES, moveSeat, moveTable, readRound, tableId, tableName } from '~/model/breakouts';
import { isId } from '~/model/ids';
import { fragmentToText, reportFragment } from '~/model/notes';
import { qrSvg } from '~/utils/qr.server';
import { refusalResponse } from './refusals.server';

/**
 * Ends a round on the server: reads every table's report-back from its own document (whatever any
 * browser has open), then ends the round and puts them on the stack, in one change to the plenary
 * document. `itemId` says which round the press was for ([G5]): a round that has already ended is
 * left as it is (a second press, or a second facilitator, does nothing). Returns how many
 * report-backs went on the stack.
 */
export async function endRoundOnServer(context: AppLoadContext, assemblyId: string, itemId: string | null = null): Promise<number> {
  const plenary = `${assemblyId}/plenary`;
  const found = await context.services.readDoc(plenary, (doc) => {
    const target = itemId ?? currentItemId(doc);
    return target ? { itemId: target, round: readRound(doc, target) } : null;
  });
  if (!found?.round) throw new BreakoutError('no-round', 'noRound');
  if (found.round.status === 'ended') return 0;
  const reports = new Map<string, string>();
  for (const table of found.round.tables) {
    reports.set(table.id, await context.services.readDoc(`${assemblyId}/breakout/${table.id}`, (doc) => fragmentToText(reportFragment(doc))));
  }
  return context.services.changeDoc(plenary, (doc) => {
    // Ended by someone else while the report-backs were read: nothing more to do.
    if (readRound(doc, found.itemId)?.status === 'ended') return 0;
    endRoundWithReports(doc, found.itemId, reports, tableName, context.services.now());
    return [...reports.values()].filter((r) => r.trim()).length;
  });
}

/** One note-taker link per table of the current round, with QR codes, to print or project. */
export async function mintTableLinks(context: AppLoadContext, assemblyId: string, request: Request) {
  const round = await context.services.readDoc(`${assemblyId}/plenary`, (doc) => readRound(doc));
  if (!round) throw new BreakoutError('no-round', 'noRound');
  const links = [];
  for (const table of round.tables) {
    const minted = await context.services.mintLink(assemblyId, { role: 'note-taker', scope: table.id, label: `Table ${tableName(table)}` }, request);
    links.push({ table: table.number, label: table.label, url: minted.url, qr: await qrSvg(minted.url) });
  }
  return links;
}

const tableNumber = z.coerce.number().int().min(1).max(MAX_TABLES);
const itemId = z.string().refine(isId);

/** One person (a seat of this round) to another table; `itemId` names the round the console showed. */
const MoveMember = z.object({ intent: z.literal('move-member'), itemId, seat: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/), table: tableNumber });
/** Everyone at table `from` to table `to` (a small table merged into another). */
const MoveTable = z.object({ intent: z.literal('move-table'), itemId, from: tableNumber, to: tableNumber });
const Move = z.discriminatedUnion('intent', [MoveMember, MoveTable]);

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
