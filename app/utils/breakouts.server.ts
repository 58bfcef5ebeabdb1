import type { AppLoadContext } from '@remix-run/node';
import { currentItemId } from '~/model/agenda';
import { BreakoutError, endRoundWithReports, readRound, type Table } from '~/model/breakouts';
import { fragmentToText, reportFragment } from '~/model/notes';
import { qrSvg } from './qr.server';

/** How a table is named on the stack and the projector: its number, and its topic or language. */
export const tableName = (t: Table) => (t.label ? `${t.number} · ${t.label}` : String(t.number));

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
