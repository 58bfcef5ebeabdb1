/**
 * A notes document (a breakout table's, or an agenda item's plenary notes): two rich-text fields
 * edited with TipTap over y-prosemirror's XML encoding. `notes` is the table's running notes;
 * `reportBack` is the short list of points the table brings back to the plenary.
 *
 * Plain text and Markdown are read straight from the Yjs XML, so the server (report-backs onto
 * the stack, the dashboard, the minutes) needs no editor.
 */
import * as Y from 'yjs';

export const NOTES_FIELD = 'notes';
export const REPORT_FIELD = 'reportBack';

export const notesFragment = (doc: Y.Doc) => doc.getXmlFragment(NOTES_FIELD);
export const reportFragment = (doc: Y.Doc) => doc.getXmlFragment(REPORT_FIELD);

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

function inline(node: Node): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return '\n';
    return node.toArray().map((c) => inline(c as Node)).join('');
  }
  return '';
}

function blocks(node: Node, depth: number, out: string[], listPrefix: string | null): void {
  if (!(node instanceof Y.XmlElement)) {
    const text = inline(node).trim();
    if (text) out.push(text);
    return;
  }
  const children = node.toArray() as Node[];
  switch (node.nodeName) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.getAttribute('level')) || 1));
      out.push(`${'#'.repeat(level)} ${inline(node).trim()}`);
      return;
    }
    case 'bulletList':
    case 'orderedList':
      children.forEach((c, i) => blocks(c, depth, out, node.nodeName === 'orderedList' ? `${i + 1}.` : '-'));
      return;
    case 'listItem': {
      const [first, ...rest] = children;
      const indent = '  '.repeat(depth);
      out.push(`${indent}${listPrefix ?? '-'} ${first ? inline(first).trim() : ''}`);
      for (const c of rest) blocks(c, depth + 1, out, null);
      return;
    }
    case 'blockquote': {
      const inner: string[] = [];
      children.forEach((c) => blocks(c, depth, inner, null));
      out.push(...inner.map((l) => `> ${l}`));
      return;
    }
    case 'paragraph': {
      const text = inline(node).trim();
      if (text) out.push(depth > 0 ? `${'  '.repeat(depth)}${text}` : text);
      return;
    }
    default:
      children.forEach((c) => blocks(c, depth, out, listPrefix));
  }
}

/** The field as Markdown (headings, lists, quotes, paragraphs). */
export function fragmentToMarkdown(fragment: Y.XmlFragment): string {
  const out: string[] = [];
  for (const node of fragment.toArray() as Node[]) blocks(node, 0, out, null);
  return out.join('\n');
}

/** The field as plain text, one block per line. */
export function fragmentToText(fragment: Y.XmlFragment): string {
  return fragmentToMarkdown(fragment)
    .split('\n')
    .map((l) => l.replace(/^\s*(#+|-|\d+\.|>)\s+/, ''))
    .join('\n');
}

/** Characters written so far in a field (for the facilitator's dashboard). */
export function fragmentLength(fragment: Y.XmlFragment): number {
  return fragmentToText(fragment).replace(/\s+/g, '').length;
}

/** Writes plain paragraphs into a field: for tests and the load benchmark, which have no editor. */
export function appendParagraph(doc: Y.Doc, field: string, text: string): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph');
  const content = new Y.XmlText(text);
  paragraph.insert(0, [content]);
  doc.getXmlFragment(field).push([paragraph]);
  return content;
}
