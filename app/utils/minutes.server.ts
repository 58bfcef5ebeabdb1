import type { AppLoadContext } from '@remix-run/node';
import { i18nFor } from '~/i18n/catalogues.server';
import { currentItemId, readAgenda } from '~/model/agenda';
import { MAX_TABLES, readRounds, tableName } from '~/model/breakouts';
import { readMeta } from '~/model/meta';
import { draftMinutes, type MinutesInput } from '~/model/minutes';
import { fragmentToMarkdown, fragmentToText, notesFragment, reportFragment } from '~/model/notes';
import { readProposals } from '~/model/proposal-read';
import { history } from '~/model/stack';
import { hostTimeZone } from '~/model/time-zone';

/** Breakout tables whose report-backs one draft reads: ten rounds of the most tables. */
export const MAX_TABLES_READ = 10 * MAX_TABLES;

/**
 * The minutes draft from the server's copies: the plenary document, every item's plenary notes
 * and every breakout table's report-back, in the facilitator's language.
 */
export async function draftFromAssembly(
  context: AppLoadContext,
  assembly: { id: string; title: string },
  language: string,
  options: { attendance: number | null; includeNames: boolean },
): Promise<string> {
  const assemblyId = assembly.id;
  const base = await context.services.readDoc(`${assemblyId}/plenary`, (doc) => ({
    // The start time is written with its zone: the assembly's, else the server's ([L35]).
    meta: { ...readMeta(doc), title: readMeta(doc).title || assembly.title, timeZone: readMeta(doc).timeZone ?? hostTimeZone() },
    agenda: readAgenda(doc),
    currentItemId: currentItemId(doc),
    proposals: readProposals(doc),
    speakers: history(doc),
    rounds: readRounds(doc),
  }));
  const notes: MinutesInput['notes'] = {};
  for (const item of base.agenda) {
    const md = await context.services.readDoc(`${assemblyId}/notes/${item.id}`, (doc) => fragmentToMarkdown(notesFragment(doc)));
    if (md.trim()) notes[item.id] = md;
  }
  const reportBacks: MinutesInput['reportBacks'] = {};
  // Only rounds of items on the agenda, and a bound on the tables read (ten full rounds).
  const onAgenda = new Set(base.agenda.map((i) => i.id));
  let tablesLeft = MAX_TABLES_READ;
  for (const round of base.rounds) {
    if (!onAgenda.has(round.itemId)) continue;
    const reports = [];
    for (const table of round.tables) {
      if (tablesLeft-- <= 0) break;
      const text = await context.services.readDoc(`${assemblyId}/breakout/${table.id}`, (doc) => fragmentToText(reportFragment(doc)));
      if (text.trim()) reports.push({ table: tableName(table), text });
    }
    if (reports.length) reportBacks[round.itemId] = reports;
  }
  // A quorum of eligible voters reads the roll (a closed phone vote keeps its own count).
  const roll = await context.services.votingCounts(assemblyId);
  const eligible = roll.issued > 0 ? roll.issued - roll.revoked : null;
  return draftMinutes(i18nFor(language).t, { ...base, now: context.services.now(), notes, reportBacks, eligible, ...options });
}
