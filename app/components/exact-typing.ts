/**
 * Typing lands in the shared text exactly where the caret is (issue 12, defect 6; ADR 017).
 *
 * y-tiptap turns every editor change into a Yjs change by diffing a paragraph's old and new text
 * from the left. When the typed letter equals the letter right after the caret, the diff places
 * it one letter further on: after the other note-taker's letter, tied to it. From then on the
 * typist's caret sits before their own letters, and two people typing at one spot get reversed,
 * interleaved words ("Who: Hmong TVradio gnomH"). Plain Yjs keeps each run whole.
 *
 * And when the other person's text arrives in the caret's paragraph, y-tiptap distrusts the
 * caret's Yjs position and keeps its old offset instead, which can put the caret before the
 * typist's own last letter: the next letters then go in backwards.
 *
 * So: a plain text insertion is written into the Yjs text at the caret's own index before
 * y-tiptap's diff runs (it then finds nothing left to do), and after a remote change the caret
 * goes where Yjs says, as long as the letter it was tied to still exists (a block moved or
 * deleted is left to y-tiptap's recovery). Anything else is y-tiptap's as before.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import type { Mark, Node as PMNode } from '@tiptap/pm/model';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** One local insertion of inline text at `at` (a position in the document before it). */
interface Insertion {
  at: number;
  nodes: PMNode[];
}

/** The last change to the document: from which document to which, and whether it was one plain insertion. */
type Pending = { from: PMNode; to: PMNode; insertion: Insertion | false } | null;

const key = new PluginKey<Pending>('plenary-exact-typing');

function insertionOf(tr: Transaction): Insertion | false {
  if (tr.steps.length !== 1) return false;
  const step = tr.steps[0];
  if (!(step instanceof ReplaceStep) || step.from !== step.to) return false;
  const { content, openStart, openEnd } = step.slice;
  if (openStart !== 0 || openEnd !== 0 || content.childCount === 0) return false;
  const nodes: PMNode[] = [];
  content.forEach((n) => nodes.push(n));
  if (!nodes.every((n) => n.isText)) return false;
  return { at: step.from, nodes };
}

function attributesOf(marks: readonly Mark[]): Record<string, unknown> | null {
  const attrs: Record<string, unknown> = {};
  for (const mark of marks) {
    // Marks that may overlap themselves get hashed names in y-tiptap: leave those to it.
    if (!mark.type.excludes(mark.type)) return null;
    attrs[mark.type.name] = mark.attrs;
  }
  return attrs;
}

interface RelativeSelection {
  type: string;
  head: Y.RelativePosition | null;
  absAnchor: number;
  absHead: number;
}

interface SyncState {
  doc: Y.Doc;
  binding: {
    type: Y.XmlFragment;
    doc: Y.Doc;
    mapping: Map<unknown, unknown>;
    mux: (f: () => void) => void;
    beforeTransactionSelection: RelativeSelection | null;
  };
  isChangeOrigin?: boolean;
  addToHistory?: boolean;
}

/** Writes the insertion into Yjs at the caret's index; false when it cannot (y-tiptap then diffs). */
function writeExactly(before: EditorState, insertion: Insertion, sync: SyncState): boolean {
  const { binding, doc } = sync;
  const $at = before.doc.resolve(insertion.at);
  if (!$at.parent.isTextblock) return false;
  const rel = absolutePositionToRelativePosition(insertion.at, binding.type, binding.mapping as never);
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (!abs || !(abs.type instanceof Y.XmlText)) return false;
  const ytext = abs.type;
  // Only when Yjs and the editor agree on this paragraph's text (they do between updates).
  if (
    ytext
      .toDelta()
      .map((d: { insert: unknown }) => (typeof d.insert === 'string' ? d.insert : '\0'))
      .join('') !== $at.parent.textContent
  )
    return false;
  if (abs.index !== $at.parentOffset) return false;
  const runs: { text: string; attrs: Record<string, unknown> }[] = [];
  for (const node of insertion.nodes) {
    const attrs = attributesOf(node.marks);
    if (!attrs || !node.text) return false;
    runs.push({ text: node.text, attrs });
  }
  binding.mux(() => {
    doc.transact((tr) => {
      if (sync.addToHistory === false) tr.meta.set('addToHistory', false);
      let index = abs.index;
      for (const run of runs) {
        ytext.insert(index, run.text, run.attrs);
        index += run.text.length;
      }
    }, ySyncPluginKey);
  });
  return true;
}

/**
 * After a remote change, where the caret belongs by Yjs (the letter it follows), or null when
 * y-tiptap's own placement should stand.
 */
function caretByYjs(tr: Transaction, sync: SyncState): number | null {
  const rel = sync.binding.beforeTransactionSelection;
  if (!rel || rel.type !== 'text' || rel.absAnchor !== rel.absHead || !rel.head?.item) return null;
  const item = Y.getItem(sync.binding.doc.store, rel.head.item);
  if (!(item instanceof Y.Item) || item.deleted) return null;
  const pos = relativePositionToAbsolutePosition(sync.binding.doc, sync.binding.type, rel.head, sync.binding.mapping as never);
  if (pos === null || pos < 1 || pos > tr.doc.content.size) return null;
  return tr.doc.resolve(pos).parent.isTextblock ? pos : null;
}

/** TipTap extension: must come before Collaboration (higher priority), so its view updates first. */
export const ExactTyping = Extension.create({
  name: 'plenaryExactTyping',
  priority: 1001,
  addProseMirrorPlugins() {
    return [
      new Plugin<Pending>({
        key,
        state: {
          init: () => null,
          apply(tr, pending) {
            if (!tr.docChanged) return pending;
            const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
            // A remote change: the editor mirrors Yjs, nothing to write.
            return { from: tr.before, to: tr.doc, insertion: sync?.isChangeOrigin ? false : insertionOf(tr) };
          },
        },
        appendTransaction(trs, _old, state) {
          const last = trs[trs.length - 1];
          const meta = last.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
          if (!last.docChanged || !meta?.isChangeOrigin || meta.isUndoRedoOperation || !state.selection.empty) return null;
          const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
          const pos = sync?.binding ? caretByYjs(last, sync) : null;
          if (pos === null || pos === state.selection.head) return null;
          return state.tr.setSelection(TextSelection.create(state.doc, pos)).setMeta('addToHistory', false);
        },
        view: () => ({
          update(view, before) {
            const pending = key.getState(view.state);
            // Exactly one change since the last update, and it was one plain insertion.
            if (!pending?.insertion || pending.from !== before.doc || pending.to !== view.state.doc) return;
            const sync = ySyncPluginKey.getState(view.state) as SyncState | undefined;
            if (!sync?.binding) return;
            writeExactly(before, pending.insertion, sync);
          },
        }),
      }),
    ];
  },
});
