import type { AppLoadContext } from '@remix-run/node';
import { CATALOGUES } from '~/i18n/catalogues.server';
import { createI18n } from '~/i18n/i18n';
import { currentItemId, readAgenda } from '~/model/agenda';
import { readRounds } from '~/model/breakouts';
import { readMeta } from '~/model/meta';
import { draftMinutes, type MinutesInput } from '~/model/minutes';
import { fragmentToMarkdown, fragmentToText, notesFragment, reportFragment } from '~/model/notes';
import { readProposals } from '~/model/proposals';
import { history } from '~/model/stack';
import { tableName } from './breakouts.server';

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
    meta: { ...readMeta(doc), title: readMeta(doc).title || assembly.title },
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
  for (const round of base.rounds) {
    const reports = [];
    for (const table of round.tables) {
      const text = await context.services.readDoc(`${assemblyId}/breakout/${table.id}`, (doc) => fragmentToText(reportFragment(doc)));
      if (text.trim()) reports.push({ table: tableName(table), text });
    }
    if (reports.length) reportBacks[round.itemId] = reports;
  }
  const i18n = createI18n(language, CATALOGUES[language] ?? {});
  return draftMinutes(i18n.t.bind(i18n), { ...base, now: context.services.now(), notes, reportBacks, ...options });
}
