/** Which roles may write each top-level part of the plenary document, and by which rule. */
import type { Grant } from '../permissions.js';
import { forbidden, idKey, invalid, mapEntry, plainValue, type WriteVerdict } from '../write-verdict.js';
import { agendaItem, meta, run, stackSettings, timer } from './shapes.js';
import { stackEntryRule } from './stack-entries.js';
import { roundRule } from './breakout-rounds.js';
import { proposalRule } from './proposals.js';

export type Rule = (key: string, before: unknown, after: unknown, role: Grant['role']) => WriteVerdict;

/** Which roles may write each top-level part of the plenary document, and how. */
export const PLENARY: Record<string, { roles: Grant['role'][]; rule: Rule }> = {
  meta: { roles: ['facilitator'], rule: (key, _b, after) => plainValue(meta[key], key, after) },
  run: { roles: ['facilitator'], rule: (key, _b, after) => plainValue(run[key], key, after) },
  stack: { roles: ['facilitator', 'stack-keeper'], rule: (key, _b, after) => plainValue(stackSettings(key), key, after) },
  timers: {
    roles: ['facilitator', 'stack-keeper'],
    rule: (key, _b, after, role) => {
      if (key !== 'item' && key !== 'speaker') return invalid(`no timer ${key}`);
      if (key === 'item' && role !== 'facilitator') return forbidden('only facilitators run the item timer');
      return mapEntry(timer, `timers.${key}`, after);
    },
  },
  agendaItems: { roles: ['facilitator'], rule: (key, _b, after) => idKey(key) ?? mapEntry(agendaItem, 'an agenda item', after) },
  stackEntries: { roles: ['facilitator', 'stack-keeper'], rule: (key, before, after) => idKey(key) ?? stackEntryRule(before, after) },
  breakoutRounds: { roles: ['facilitator'], rule: (key, before, after) => idKey(key) ?? roundRule(before, after) },
  proposals: { roles: ['facilitator'], rule: (key, before, after) => idKey(key) ?? proposalRule(before, after) },
};

/** The top-level maps of the plenary document (everything else is refused). */
export const PLENARY_ROOTS: readonly string[] = Object.keys(PLENARY);
