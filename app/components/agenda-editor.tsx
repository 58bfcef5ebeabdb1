import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from '~/i18n/react';
import type * as Y from 'yjs';
import { serverNow } from '~/collab/use-server-now';
import { useUndo } from '~/collab/use-undo';
import {
  addItem,
  addTemplate,
  duplicateItem,
  editItem,
  itemsMap,
  moveItem,
  runMap,
  removeItem,
  setStatus,
  type AgendaItem,
  type AgendaItemInput,
} from '~/model/agenda';
import { goToItem } from '~/model/run';
import { AgendaPlan } from './agenda-plan';
import { ItemForm } from './item-form';
import { Button } from './ui/button';
import { ConfirmButton } from './confirm-button';

/** The origin of the editor's own changes: what its undo takes back (never a remote edit, never a timer). */
const EDIT = Symbol('agenda-edit');

/**
 * The facilitator's agenda: add, edit in place, reorder by dragging or by keyboard (arrow keys on
 * the grip), duplicate, remove with undo, skip, and start an item. Every change is one Yjs
 * transaction on the shared document; the fields changed are the only ones written.
 */
export function AgendaEditor({
  doc,
  agenda,
  currentId,
  heading = true,
  plannedStart = null,
}: {
  doc: Y.Doc;
  agenda: AgendaItem[];
  currentId: string | null;
  /** False where the page names the panel itself (the console's section heading, with this id). */
  heading?: boolean;
  /** The assembly's start time as typed (meta `startsAt`), for the planned end ([G7]). */
  plannedStart?: string | null;
}) {
  const { t } = useTranslation();
  // The item as it was when its form opened: only what this facilitator changes from it is written.
  const [editing, setEditing] = useState<AgendaItem | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<{ id: string; after: boolean } | null>(null);
  const [said, setSaid] = useState('');
  const focusNext = useRef<string | null>(null);
  const { undo, canUndo } = useUndo(doc, (d) => [itemsMap(d), runMap(d)], EDIT);

  // Keyboard users keep their place: after a move, an edit or a removal, focus goes somewhere sensible.
  useEffect(() => {
    const selector = focusNext.current;
    if (!selector) return;
    focusNext.current = null;
    document.querySelector<HTMLElement>(selector)?.focus();
  });

  const change = (fn: () => void) => doc.transact(fn, EDIT);

  const move = (item: AgendaItem, to: number) => {
    if (to < 0 || to >= agenda.length) return;
    change(() => moveItem(doc, item.id, to));
    focusNext.current = `[data-grip="${item.id}"]`;
    setSaid(t('agenda.moved', { title: item.title, position: to + 1, count: agenda.length }));
  };

  const onGripKey = (item: AgendaItem, index: number) => (e: KeyboardEvent) => {
    const to = { ArrowUp: index - 1, ArrowDown: index + 1, Home: 0, End: agenda.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    if (to === index) return;
    move(item, to);
  };

  const onDragOver = (item: AgendaItem) => (e: DragEvent<HTMLLIElement>) => {
    if (!dragging) return;
    e.preventDefault();
    const box = e.currentTarget.getBoundingClientRect();
    setDropAt({ id: item.id, after: e.clientY > box.top + box.height / 2 });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const moving = agenda.find((i) => i.id === dragging);
    if (moving && dropAt && dropAt.id !== moving.id) {
      const others = agenda.filter((i) => i.id !== moving.id);
      const k = others.findIndex((i) => i.id === dropAt.id);
      if (k >= 0) move(moving, dropAt.after ? k + 1 : k);
    }
    setDragging(null);
    setDropAt(null);
  };

  const closeEditor = (id: string) => {
    setEditing(null);
    focusNext.current = `[data-edit="${id}"]`;
  };

  const save = (opened: AgendaItem) => (input: AgendaItemInput) => {
    // Only what this facilitator changed since opening the form is written, so another
    // facilitator's edit of another field in the meantime survives.
    const changes = Object.fromEntries(Object.entries(input).filter(([k, v]) => opened[k as keyof AgendaItemInput] !== v));
    if (Object.keys(changes).length > 0 && itemsMap(doc).has(opened.id)) change(() => editItem(doc, opened.id, changes));
    closeEditor(opened.id);
  };

  const remove = (item: AgendaItem, index: number) => {
    const neighbour = agenda[index + 1] ?? agenda[index - 1];
    change(() => removeItem(doc, item.id));
    setSaid(t('agenda.removed', { title: item.title }));
    focusNext.current = neighbour ? `[data-grip="${neighbour.id}"]` : '#agenda-editor-heading';
  };

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        {heading ? (
          <h2 className="text-xl font-black" id="agenda-editor-heading" tabIndex={-1}>
            {t('agenda.heading')}
          </h2>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" disabled={!canUndo} onClick={undo} data-testid="agenda-undo">
            {t('agenda.undo')}
          </Button>
          <ConfirmButton
            variant="secondary"
            size="sm"
            testId="agenda-template"
            // A second press would add the whole template again: ask first.
            ask={() => (agenda.length > 0 ? t('agenda.confirmTemplate') : null)}
            confirmLabel={t('agenda.appendTemplate')}
            onConfirm={() => change(() => addTemplate(doc, (key) => t(`agenda.template.${key}`)))}
          >
            {agenda.length === 0 ? t('agenda.useTemplate') : t('agenda.appendTemplate')}
          </ConfirmButton>
        </div>
      </div>
      <AgendaPlan doc={doc} agenda={agenda} startsAt={plannedStart} />
      <p className="mt-1 text-sm text-stone-700" id="agenda-grip-hint">
        {t('agenda.reorderHint')}
      </p>
      <p aria-live="polite" className="sr-only" data-testid="agenda-said">
        {said}
      </p>
      {agenda.length === 0 ? <p className="mt-3 text-stone-700">{t('agenda.empty')}</p> : null}
      <ol className="mt-3 grid gap-2" data-testid="agenda-editor" onDrop={onDrop} onDragOver={(e) => dragging && e.preventDefault()}>
        {agenda.map((item, index) => {
          const current = item.id === currentId;
          const isEditing = editing?.id === item.id;
          const marker = dropAt?.id === item.id && dragging !== item.id ? (dropAt.after ? 'border-b-amber-500' : 'border-t-amber-500') : '';
          return (
            <li
              key={item.id}
              data-item={item.id}
              draggable={!isEditing}
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', item.title);
                setDragging(item.id);
              }}
              onDragEnd={() => {
                setDragging(null);
                setDropAt(null);
              }}
              onDragOver={onDragOver(item)}
              aria-current={current ? 'step' : undefined}
              className={`rounded-lg border-4 bg-white p-2 ${current ? 'border-amber-400 bg-amber-50' : 'border-stone-200'} ${dragging === item.id ? 'opacity-50' : ''} ${marker}`}
            >
              {isEditing ? (
                <ItemForm
                  idPrefix={`edit-${item.id}`}
                  initial={editing}
                  submitLabel={t('agenda.save')}
                  onSubmit={save(editing)}
                  onCancel={() => closeEditor(item.id)}
                  autoFocus
                />
              ) : (
                <div className="flex items-start gap-2">
                  <button
                    type="button"
                    data-grip={item.id}
                    aria-label={t('agenda.grip', { title: item.title, position: index + 1, count: agenda.length })}
                    aria-describedby="agenda-grip-hint"
                    onKeyDown={onGripKey(item, index)}
                    className="min-h-11 min-w-11 cursor-grab rounded-lg border-2 border-stone-300 font-black text-stone-600"
                  >
                    ⠿
                  </button>
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                      <p className={`text-lg font-bold ${item.status === 'skipped' ? 'line-through' : ''}`}>
                        {current ? <span className="me-2 rounded bg-stone-950 px-2 py-0.5 text-sm text-white">{t('agenda.now')}</span> : null}
                        <span dir="auto">{item.title}</span>
                      </p>
                      <span className="text-sm font-semibold">{t('agenda.minutes', { count: item.minutes })}</span>
                    </div>
                    <p className="text-sm text-stone-700">
                      {t(`agenda.kinds.${item.kind}`)}
                      {item.status === 'done' && !current ? ` · ${t('agenda.done')}` : ''}
                      {item.status === 'skipped' ? ` · ${t('agenda.skipped')}` : ''}
                      {item.presenter ? ` · ${t('agenda.presenter', { name: item.presenter })}` : ''}
                      {item.interpretation ? ` · ${t('agenda.interpretation', { text: item.interpretation })}` : ''}
                    </p>
                    {item.description ? <p className="text-sm">{item.description}</p> : null}
                    <div className="mt-2 flex flex-wrap gap-1.5">
                      {!current ? (
                        <Button size="sm" onClick={() => goToItem(doc, item.id, serverNow())} aria-label={t('agenda.startItemNamed', { title: item.title })}>
                          {t('agenda.startItem')}
                        </Button>
                      ) : null}
                      <Button
                        variant="secondary"
                        size="sm"
                        onClick={() => setEditing(item)}
                        data-edit={item.id}
                        aria-label={t('agenda.editNamed', { title: item.title })}
                      >
                        {t('agenda.edit')}
                      </Button>
                      <Button
                        variant="secondary"
                        size="sm"
                        onClick={() => change(() => duplicateItem(doc, item.id))}
                        aria-label={t('agenda.duplicateNamed', { title: item.title })}
                      >
                        {t('agenda.duplicate')}
                      </Button>
                      {item.status === 'pending' && !current ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          onClick={() => change(() => setStatus(doc, item.id, 'skipped'))}
                          aria-label={t('agenda.skipNamed', { title: item.title })}
                        >
                          {t('agenda.skip')}
                        </Button>
                      ) : null}
                      {item.status !== 'pending' && !current ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          onClick={() => change(() => setStatus(doc, item.id, 'pending'))}
                          aria-label={t('agenda.reopenNamed', { title: item.title })}
                        >
                          {t('agenda.reopen')}
                        </Button>
                      ) : null}
                      <Button variant="danger" size="sm" onClick={() => remove(item, index)} aria-label={t('agenda.removeNamed', { title: item.title })}>
                        {t('agenda.remove')}
                      </Button>
                    </div>
                  </div>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <section className="mt-4 rounded-lg border-2 border-stone-300 p-3" aria-labelledby="new-item-heading">
        <h3 id="new-item-heading" className="mb-3 text-lg font-bold">
          {t('agenda.add')}
        </h3>
        <ItemForm idPrefix="new-item" submitLabel={t('agenda.addButton')} onSubmit={(input) => change(() => addItem(doc, input))} />
      </section>
    </div>
  );
}
