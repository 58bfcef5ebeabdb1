/**
 * Who may do what, in one place (ADR 005, ADR 027; docs/SPEC.md [P1]–[P6], [P30]–[P34], [X20]–[X24]).
 * Pure: the sync server asks `accessTo` for every socket, the page guards ask `mayOpen` and
 * `accessTo` for every page, the services ask `accessTo` before handing a document's state to a
 * person, and the command routes ask `maySend`. Nothing else decides.
 */
import { ID_SOURCE } from '../model/ids.js';
import { LANGUAGE_TAG } from '../model/translations.js';
import type { Role } from '../services.js';

export type Access = 'write' | 'read' | 'none';

/** A credential the server has checked: a live link, presented by cookie or token. */
export interface Grant {
  id: string;
  assemblyId: string;
  role: Role;
  scope: string | null;
  canVote: boolean;
}

// ---- documents --------------------------------------------------------------------------------

/** Document names, as [D1] lists them. */
export type DocName =
  | { kind: 'plenary'; assemblyId: string; name: string }
  | { kind: 'notes'; assemblyId: string; itemId: string; name: string }
  | { kind: 'breakout'; assemblyId: string; groupId: string; name: string }
  /** One language's translations of what the room typed, written by the server alone (ADR 025). */
  | { kind: 'translations'; assemblyId: string; language: string; name: string };

const PLENARY = new RegExp(`^(${ID_SOURCE})/plenary$`);
const NOTES = new RegExp(`^(${ID_SOURCE})/notes/(${ID_SOURCE})$`);
const BREAKOUT = new RegExp(`^(${ID_SOURCE})/breakout/(${ID_SOURCE})$`);
const TRANSLATIONS = new RegExp(`^(${ID_SOURCE})/translations/(${LANGUAGE_TAG.source.slice(1, -1)})$`);

/** Parses a document name; null for anything that is not one of the four shapes. */
export function parseDocName(name: string): DocName | null {
  let m = PLENARY.exec(name);
  if (m) return { kind: 'plenary', assemblyId: m[1], name };
  m = NOTES.exec(name);
  if (m) return { kind: 'notes', assemblyId: m[1], itemId: m[2], name };
  m = BREAKOUT.exec(name);
  if (m) return { kind: 'breakout', assemblyId: m[1], groupId: m[2], name };
  m = TRANSLATIONS.exec(name);
  if (m) return { kind: 'translations', assemblyId: m[1], language: m[2], name };
  return null;
}

/** Who reads and who writes each document ([P3]–[P5], [P30], [P34]). */
export function accessTo(grant: Grant, doc: DocName): Access {
  if (grant.assemblyId !== doc.assemblyId) return 'none';
  switch (doc.kind) {
    case 'plenary':
      if (grant.role === 'facilitator' || grant.role === 'stack-keeper') return 'write';
      return grant.role === 'reader' ? 'none' : 'read';
    case 'notes':
      if (grant.role === 'facilitator') return 'write';
      if (grant.role === 'note-taker' && grant.scope === 'plenary') return 'write';
      return grant.role === 'stack-keeper' ? 'read' : 'none';
    case 'breakout':
      if (grant.role === 'facilitator') return 'write';
      if (grant.role === 'note-taker') return grant.scope === doc.groupId ? 'write' : 'none';
      return grant.role === 'stack-keeper' || grant.role === 'attendee' ? 'read' : 'none';
    case 'translations':
      // Written by the server alone, from interpreters' commands ([P30], ADR 025); read by the
      // room like the plenary it translates.
      return grant.role === 'reader' ? 'none' : 'read';
  }
}

// ---- pages ------------------------------------------------------------------------------------

/**
 * Pages that are not one document's view, by who opens them. A page that shows one document
 * (a table's notes, the plenary notes, the projector) opens with that document's access instead:
 * see `DOCUMENT_PAGES`, so a page and a socket never disagree ([X21]).
 */
export const PAGES = {
  /** The facilitator console and its pages: links, voting codes and roll, minutes editing. */
  console: ['facilitator'],
  /** The stack-keeper's screen. */
  stack: ['facilitator', 'stack-keeper'],
  /** The phone page of a person in the room, and the commands it sends ([K6]). */
  room: ['facilitator', 'stack-keeper', 'note-taker', 'attendee'],
  /** Published minutes and their download. */
  minutes: ['facilitator', 'stack-keeper', 'note-taker', 'attendee', 'reader', 'interpreter'],
  /** The interpreter's desk and minutes translation ([P31], [P41]). */
  interpret: ['interpreter'],
} as const satisfies Record<string, readonly Role[]>;

export type Page = keyof typeof PAGES;

export function mayOpen(grant: Pick<Grant, 'role'>, page: Page): boolean {
  return (PAGES[page] as readonly Role[]).includes(grant.role);
}

/** The pages that show one document, and the access they need to open at all. */
export const DOCUMENT_PAGES = {
  /** `/a/<id>/screen`: the projector, a read-only view of the plenary. */
  projector: 'plenary',
  /** `/a/<id>/notes?item=<item>`: the plenary notes of one item. */
  notes: 'notes',
  /** `/a/<id>/breakout/<group>`: a table's notes. */
  breakout: 'breakout',
} as const satisfies Record<string, DocName['kind']>;

// ---- commands ---------------------------------------------------------------------------------

/**
 * The HTTP commands each role may send; the server applies them to documents itself. Anything
 * not listed for a role is refused with 403 before its body is read for meaning.
 */
export const COMMANDS = {
  /** Raise or withdraw a hand, sit at a table, cast a ballot, redeem a voting code ([K6]). */
  phone: PAGES.room,
  /** Save a translation of the room's texts into the link's language ([P31]). */
  translate: ['interpreter'],
  /** Save a translation of published minutes into the link's language ([P41]). */
  translateMinutes: ['interpreter'],
  /** Everything on the console: links, votes, rounds, minutes, deletion. */
  facilitate: ['facilitator'],
} as const satisfies Record<string, readonly Role[]>;

export type Command = keyof typeof COMMANDS;

export function maySend(grant: Pick<Grant, 'role'>, command: Command): boolean {
  return (COMMANDS[command] as readonly Role[]).includes(grant.role);
}
