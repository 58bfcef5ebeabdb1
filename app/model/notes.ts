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

/** A field of a notes document; an empty stand-in if the name was taken by another kind of type. */
function field(doc: Y.Doc, name: string): Y.XmlFragment {
  try {
    return doc.getXmlFragment(name);
  } catch {
    return new Y.XmlFragment();
  }
}

export const notesFragment = (doc: Y.Doc) => field(doc, NOTES_FIELD);
export const reportFragment = (doc: Y.Doc) => field(doc, REPORT_FIELD);

/**
 * Nesting kept as structure (quotes in lists in quotes...); anything deeper is read as flat
 * text. A real note nests a few levels; 20,000 nested quotes once overflowed the stack.
 */
export const MAX_DEPTH = 16;
/** Characters of Markdown read from one field; the rest is left off (marked with …). */
export const MAX_MARKDOWN = 500_000;

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** Elements that start a new line of their own when a deep part is read as flat text. */
const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'listItem', 'codeBlock', 'horizontalRule']);

interface Output {
  lines: string[];
  /** Characters left before MAX_MARKDOWN. */
  left: number;
}

function push(out: Output, line: string): void {
  if (out.left <= 0) return;
  const kept = line.length > out.left ? `${line.slice(0, out.left)}…` : line;
  out.lines.push(kept);
  out.left -= line.length + 1;
}

const textOf = (node: Y.XmlText) => (node.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');

/**
 * The text under `node`, without recursion (an explicit stack, however deep the tree), at most
 * `budget` characters. Block elements are separated by a space when `flat`.
 */
function textUnder(node: Node, budget: number, flat = false): string {
  const parts: string[] = [];
  let size = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0 && size < budget) {
    const n = stack.pop();
    if (n instanceof Y.XmlText) {
      const t = textOf(n);
      parts.push(t);
      size += t.length;
    } else if (n instanceof Y.XmlElement) {
      if (n.nodeName === 'hardBreak') {
        parts.push(flat ? ' ' : '\n');
        size++;
        continue;
      }
      if (flat && BLOCKS.has(n.nodeName)) parts.push(' ');
      const children = n.toArray();
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  const joined = parts.join('');
  return joined.length > budget ? joined.slice(0, budget) : joined;
}

const inline = (node: Node, out: Output) => textUnder(node, Math.max(0, out.left));

function blocks(node: Node, depth: number, out: Output, listPrefix: string | null, nesting: number): void {
  if (out.left <= 0) return;
  if (!(node instanceof Y.XmlElement)) {
    const text = inline(node, out).trim();
    if (text) push(out, text);
    return;
  }
  if (nesting >= MAX_DEPTH) {
    // Too deep to be a real note: its words are kept, its structure is not.
    const text = textUnder(node, Math.max(0, out.left), true).replace(/\s+/g, ' ').trim();
    if (text) push(out, depth > 0 ? `${'  '.repeat(depth)}${text}` : text);
    return;
  }
  const children = node.toArray() as Node[];
  switch (node.nodeName) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.getAttribute('level')) || 1));
      push(out, `${'#'.repeat(level)} ${inline(node, out).trim()}`);
      return;
    }
    case 'bulletList':
    case 'orderedList':
      children.forEach((c, i) => blocks(c, depth, out, node.nodeName === 'orderedList' ? `${i + 1}.` : '-', nesting + 1));
      return;
    case 'listItem': {
      const [first, ...rest] = children;
      const indent = '  '.repeat(depth);
      push(out, `${indent}${listPrefix ?? '-'} ${first ? inline(first, out).trim() : ''}`);
      for (const c of rest) blocks(c, depth + 1, out, null, nesting + 1);
      return;
    }
    case 'blockquote': {
      const inner: Output = { lines: [], left: out.left };
      children.forEach((c) => blocks(c, depth, inner, null, nesting + 1));
      for (const l of inner.lines) push(out, `> ${l}`);
      return;
    }
    case 'paragraph': {
      const text = inline(node, out).trim();
      if (text) push(out, depth > 0 ? `${'  '.repeat(depth)}${text}` : text);
      return;
    }
    default:
      children.forEach((c) => blocks(c, depth, out, listPrefix, nesting + 1));
  }
}

/**
 * The field as Markdown (headings, lists, quotes, paragraphs). Whatever the tree holds, this
 * takes no more than MAX_DEPTH levels of recursion and returns at most about MAX_MARKDOWN
 * characters.
 */
export function fragmentToMarkdown(fragment: Y.XmlFragment): string {
  const out: Output = { lines: [], left: MAX_MARKDOWN };
  for (const node of fragment.toArray()) {
    if (out.left <= 0) break;
    if (node instanceof Y.XmlElement || node instanceof Y.XmlText) blocks(node, 0, out, null, 0);
  }
  return out.lines.join('\n');
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
