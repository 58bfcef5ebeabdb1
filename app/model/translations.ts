/**
 * The room's own words in the room's languages (ADR 025). What facilitators type into the plenary
 * document (item titles and descriptions, the announcement, breakout questions, proposals, their
 * amendments and action items) are the *sources*; an interpreter writes each one's translation into
 * their language's document, `<assemblyId>/translations/<language>`, through a server command.
 *
 * A translation keeps the source text it was made from, so anyone can tell when the source has
 * changed since: the translation is then *stale* and screens show the original again, marked,
 * until an interpreter redoes it ([L20]–[L24]). Every reader here tolerates any shape.
 */
import * as Y from 'yjs';
import { readAgenda } from './agenda.js';
import { readRounds } from './breakouts.js';
import { readProposals } from './proposal-read.js';
import { readAnnouncement } from './run.js';
import { ModelError } from './model-error.js';

/**
 * A language an interpreter can write in: `so`, `ar`, `hmn`, `zh-Hant`, `es-419`. Every code a
 * catalogue may have (CODE in app/i18n/locale-files.server.ts: any number of subtags) must pass,
 * or the console mints a link for a loaded language whose page then fails (a 500) and whose
 * translations no phone opens. Link scopes are at most 64 characters (server/http/api.ts).
 */
export const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Longest translation kept: twice a proposal's longest text, as some languages run longer. */
export const MAX_TRANSLATION = 4000;

/**
 * Longest text a writer may put into the plenary (an item's description, server/access/field-rights.ts):
 * a save names its original, so it must take one this long.
 */
export const MAX_SOURCE = 5000;
const MAX_KEY = 200;

/**
 * Largest one language's translations may grow, encoded ([P45], [B8]): the server writes them, so
 * no writer's check bounds them; without this a leaked interpreter link could give every short
 * title 4,000 characters and grow the document (held 25–45× in memory, sent whole to every phone
 * of the language) as far as the agenda is long.
 */
export const MAX_TRANSLATIONS_BYTES = 2 * 1024 * 1024;

export type SourceKind = 'announcement' | 'title' | 'description' | 'prompt' | 'message' | 'proposal' | 'amendment';

/** One text the room typed that an interpreter can translate. */
export interface SourceText {
  key: string;
  kind: SourceKind;
  /** The agenda item it belongs to (null for the announcement), for grouping item by item. */
  itemId: string | null;
  text: string;
}

/** A translation as stored: its text, the source text it was made from, when (server time). */
export interface Translation {
  text: string;
  source: string;
  at: number;
}

export const ANNOUNCEMENT_KEY = 'announcement';
export const itemTitleKey = (itemId: string) => `item:${itemId}:title`;
export const itemDescriptionKey = (itemId: string) => `item:${itemId}:description`;
export const promptKey = (itemId: string, index: number) => `round:${itemId}:prompt:${index}`;
export const roundMessageKey = (itemId: string) => `round:${itemId}:message`;
export const proposalKey = (proposalId: string) => `proposal:${proposalId}`;
export const amendmentKey = (proposalId: string, amendmentId: string) => `amendment:${proposalId}:${amendmentId}`;

export const translationsDocName = (assemblyId: string, language: string) => `${assemblyId}/translations/${language}`;

const translationsMap = (doc: Y.Doc) => doc.getMap<unknown>('translations');

/**
 * Every text there is to translate, in the order the room meets them: the announcement, then each
 * agenda item's title, description, breakout questions and message, and its proposals with their
 * amendments. Empty texts are left out. Action items are not on the list ([L86]): no phone or
 * projector shows them; readers meet them in the minutes, which are translated whole ([L60]).
 */
export function sourceTexts(plenary: Y.Doc): SourceText[] {
  const out: SourceText[] = [];
  const add = (key: string, kind: SourceKind, itemId: string | null, text: string) => {
    if (text.trim() !== '') out.push({ key, kind, itemId, text });
  };
  add(ANNOUNCEMENT_KEY, 'announcement', null, readAnnouncement(plenary));
  const rounds = new Map(readRounds(plenary).map((r) => [r.itemId, r]));
  const proposals = readProposals(plenary);
  for (const item of readAgenda(plenary)) {
    add(itemTitleKey(item.id), 'title', item.id, item.title);
    add(itemDescriptionKey(item.id), 'description', item.id, item.description);
    const round = rounds.get(item.id);
    round?.prompts.forEach((prompt, i) => add(promptKey(item.id, i), 'prompt', item.id, prompt));
    if (round) add(roundMessageKey(item.id), 'message', item.id, round.message);
    for (const p of proposals) {
      if (p.itemId !== item.id) continue;
      add(proposalKey(p.id), 'proposal', item.id, p.text);
      for (const a of p.amendments) add(amendmentKey(p.id, a.id), 'amendment', item.id, a.text);
    }
  }
  return out;
}

/** The source text for one key now, or null when there is none (deleted, or never was). */
export function sourceText(plenary: Y.Doc, key: string): string | null {
  return sourceTexts(plenary).find((s) => s.key === key)?.text ?? null;
}

function readOne(value: unknown): Translation | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.text !== 'string' || typeof v.source !== 'string' || v.text.trim() === '') return null;
  return { text: v.text.slice(0, MAX_TRANSLATION), source: v.source, at: typeof v.at === 'number' && Number.isFinite(v.at) ? v.at : 0 };
}

/** Every translation in a language's document, by source key; bad entries are skipped. */
export function readTranslations(doc: Y.Doc): Map<string, Translation> {
  const out = new Map<string, Translation>();
  translationsMap(doc).forEach((value, key) => {
    if (key.length > MAX_KEY) return;
    const t = readOne(value);
    if (t) out.set(key, t);
  });
  return out;
}

/**
 * Writes (or, with an empty text, removes) one translation, made from `source`. Only the server
 * calls this, after checking the interpreter's language and the source ([P30]–[P34]).
 */
export function setTranslation(doc: Y.Doc, key: string, text: string, source: string, now: number): void {
  const clean = text.trim();
  if (key.length > MAX_KEY) throw new ModelError('translationKeyLong', { max: MAX_KEY });
  if (clean.length > MAX_TRANSLATION) throw new ModelError('translationLong', { max: MAX_TRANSLATION });
  if (clean === '') translationsMap(doc).delete(key);
  else translationsMap(doc).set(key, { text: clean, source, at: Math.round(now) });
}

export type Shown = { state: 'none'; text: string } | { state: 'current'; text: string; original: string } | { state: 'stale'; text: string; outdated: string };

/**
 * What to show for a source in a language: its translation when it was made from the source as it
 * is now; the original, marked, when the source changed since (`outdated` is the old translation);
 * the original when there is none.
 */
export function shown(source: string, translation: Translation | undefined | null): Shown {
  if (!translation) return { state: 'none', text: source };
  if (translation.source === source) return { state: 'current', text: translation.text, original: source };
  return { state: 'stale', text: source, outdated: translation.text };
}

/**
 * The languages with translations in this assembly, kept in the plenary by the server ([L22]):
 * a phone opens its language's document only once there is something in it, so a room nobody
 * interprets costs no second socket per phone. Clients cannot write this root ([P33]).
 */
const interpretedMap = (plenary: Y.Doc) => plenary.getMap<unknown>('interpreted');

export function markInterpreted(plenary: Y.Doc, language: string): void {
  if (interpretedMap(plenary).get(language) !== true) interpretedMap(plenary).set(language, true);
}

export function interpretedLanguages(plenary: Y.Doc): string[] {
  const out: string[] = [];
  interpretedMap(plenary).forEach((value, key) => {
    if (value === true && LANGUAGE_TAG.test(key)) out.push(key);
  });
  return out.sort();
}
