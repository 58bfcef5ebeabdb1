/** Where a writer may create shared types and list content, per kind of document ([F3], [F4]). */
import * as Y from 'yjs';
import type { DocName } from '../sync/doc-name.js';

/** Top-level maps whose entries are maps, and the fields of those entries that are maps too. */
const ENTRY_MAPS = new Set(['agendaItems', 'stackEntries', 'breakoutRounds', 'proposals', 'timers']);
const FIELD_MAPS = new Set(['proposals.amendments', 'proposals.actions', 'proposals.revisions', 'breakoutRounds.members']);

/** Where a new struct sits: its parent's top-level type, depth (root = 0) and entry key. */
export interface Placement {
  root: string;
  depth: number;
  key: string | null;
}

/**
 * Whether a new item may sit where it does ([F3], [F4]): in the plenary document only maps nest,
 * only where the model keeps a map, and no map holds list content (which `toJSON` would hide from
 * the shape check); in a notes document a fragment or element holds only elements and text, and
 * attributes and text hold no shared types (TipTap's editor crashes on anything else). Returns the
 * reason it may not, or null.
 */
export function misplaced(doc: DocName, item: Y.Item, parent: Placement): string | null {
  const type = item.content instanceof Y.ContentType ? item.content.type : null;
  if (doc.kind === 'plenary') {
    if (item.parentSub === null) return 'the plenary document holds no lists';
    if (!type) {
      // A map value is one plain value: several (or a string run) would hide all but the last
      // from the shape check while still being stored and sent.
      const c = item.content;
      if (c instanceof Y.ContentDeleted) return null;
      return c instanceof Y.ContentAny && c.getLength() === 1 ? null : 'a field holds one plain value';
    }
    if (!(type instanceof Y.Map) || type.constructor !== Y.Map) return 'only maps nest in the plenary document';
    if (parent.depth === 0) return ENTRY_MAPS.has(parent.root) ? null : `${parent.root.slice(0, 40)} holds plain values`;
    if (parent.depth === 1 && FIELD_MAPS.has(`${parent.root}.${item.parentSub}`)) return null;
    return `${parent.root.slice(0, 40)}.${String(item.parentSub).slice(0, 40)} is a plain value`;
  }
  const host = item.parent as Y.AbstractType<unknown>;
  const isText = host instanceof Y.XmlText;
  const isElement = !isText && (parent.depth === 0 || host instanceof Y.XmlElement || host.constructor === Y.XmlFragment);
  if (item.parentSub !== null) {
    if (parent.depth === 0) return `${parent.root.slice(0, 40)} is rich text`;
    if (!(host instanceof Y.XmlElement) && !isText) return 'attributes belong to elements and text';
    return type ? 'an attribute is a plain value' : null;
  }
  if (isText) {
    // The editor writes characters and formatting into text; anything else would count toward
    // its length without showing, and break other people's editors.
    const c = item.content;
    return c instanceof Y.ContentString || c instanceof Y.ContentFormat || c instanceof Y.ContentDeleted ? null : 'text holds characters and formatting only';
  }
  if (!isElement) return 'rich text holds only elements and text';
  if (item.content instanceof Y.ContentDeleted) return null;
  // The editor reads every top-level child as an element (text there crashed it for the table).
  if (parent.depth === 0) return type instanceof Y.XmlElement ? null : 'the top of rich text holds only elements';
  if (type instanceof Y.XmlElement || type instanceof Y.XmlText) return null;
  return 'an element holds only elements and text';
}
