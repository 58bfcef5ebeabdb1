/**
 * The shared rich-text editor for a table's notes (TipTap over Yjs). Loaded on demand, only on the
 * pages where notes are edited: it never reaches the attendee page.
 */
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { useEffect } from 'react';
import { useTranslation } from '~/i18n/react';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { ExactTyping } from './exact-typing';

function caret(user: Record<string, unknown>): HTMLElement {
  const cursor = document.createElement('span');
  cursor.className = 'plenary-caret';
  cursor.style.borderColor = String(user.color);
  const label = document.createElement('span');
  label.className = 'plenary-caret-label';
  label.style.backgroundColor = String(user.color);
  label.textContent = String(user.name);
  cursor.append(label);
  return cursor;
}

function Toolbar({ editor, label, editable }: { editor: Editor | null; label: string; editable: boolean }) {
  const { t } = useTranslation();
  if (!editor) return null;
  const button = (name: string, active: boolean, run: () => void) => (
    <button
      type="button"
      aria-pressed={active}
      disabled={!editable}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
      className={`min-h-11 rounded-lg border-2 px-3 font-bold ${active ? 'border-stone-950 bg-stone-950 text-white' : 'border-stone-400 bg-white'}`}
    >
      {name}
    </button>
  );
  return (
    <div role="toolbar" aria-label={label} className="flex flex-wrap gap-2">
      {button(t('editor.heading'), editor.isActive('heading'), () => editor.chain().focus().toggleHeading({ level: 2 }).run())}
      {button(t('editor.bullets'), editor.isActive('bulletList'), () => editor.chain().focus().toggleBulletList().run())}
      {button(t('editor.numbers'), editor.isActive('orderedList'), () => editor.chain().focus().toggleOrderedList().run())}
      {button(t('editor.bold'), editor.isActive('bold'), () => editor.chain().focus().toggleBold().run())}
    </div>
  );
}

/**
 * One field of a notes document. With `provider`, other writers' cursors show, named; only one
 * field per page should have them (they share the page's presence).
 */
export default function NotesEditor({
  doc,
  field,
  label,
  provider,
  user,
  testId,
  onReady,
  editable = true,
}: {
  doc: Y.Doc;
  field: string;
  label: string;
  provider: WebsocketProvider | null;
  user: { name: string; color: string };
  testId: string;
  /** Called once the editor is on the page. */
  onReady?: () => void;
  /** False once this link is shut out ([H8]): the text stays readable, nothing can be typed. */
  editable?: boolean;
}) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      // The strict CSP allows no inline <style>: the editor's styles are in tailwind.css.
      injectCSS: false,
      extensions: [
        // Yjs keeps the history; each writer's undo takes back only their own edits.
        StarterKit.configure({ undoRedo: false, link: false }),
        Collaboration.configure({ document: doc, field }),
        // Each letter goes into Yjs where the caret is, so two people at one spot keep their words whole.
        ExactTyping,
        ...(provider ? [CollaborationCaret.configure({ provider, user, render: caret, selectionRender: () => ({ class: 'plenary-selection' }) })] : []),
      ],
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          // Each paragraph takes the direction of what is typed in it (tailwind.css), in every language.
          dir: 'auto',
          'data-testid': testId,
          class: 'plenary-notes min-h-40 rounded-lg border-2 border-stone-500 bg-white p-3 text-lg',
        },
      },
    },
    [doc, field, provider],
  );
  // Changed in place, never by rebuilding the editor under someone's cursor.
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);
  useEffect(() => {
    if (editor) onReady?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);
  return (
    <div className="grid gap-2">
      <Toolbar editor={editor} label={label} editable={editable} />
      <EditorContent editor={editor} />
    </div>
  );
}
