import { useState, type FormEvent } from 'react';
import { useTranslation } from '~/i18n/react';
import { formatInstant } from '~/i18n/format';
import { useDocTimeZone } from '~/utils/use-time-zone';
import type * as Y from 'yjs';
import { serverNow } from '~/collab/use-server-now';
import { reviseText } from '~/model/proposal-edits';
import { MAX_TEXT, type Proposal } from '~/model/proposal-shape';
import { Button } from './ui/button';
import { Input } from './ui/field';

/**
 * The console's "Edit the text" ([D5]): after an amendment is accepted, the facilitator writes the
 * amended wording; the earlier texts are kept and listed (who, when). Closed by default, and gone
 * once the room has voted on it by phone.
 */
export function ProposalTextEditor({ doc, proposal: p, guard }: { doc: Y.Doc; proposal: Proposal; guard: (fn: () => void) => boolean }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const voted = p.vote.open || p.vote.closed;
  const zone = useDocTimeZone(doc);
  const when = (at: number) => formatInstant(i18n.language, at, zone, 'date-time');
  const save = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (guard(() => reviseText(doc, p.id, String(form.get('text') ?? ''), { now: serverNow(), editor: String(form.get('editor') ?? '') }))) setOpen(false);
  };
  return (
    <div className="mt-2 grid gap-2">
      {voted ? null : (
        <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="edit-text">
          <summary className="cursor-pointer font-bold underline">{t('decision.editText')}</summary>
          {open ? (
            <form onSubmit={save} className="mt-2 grid gap-2">
              <p className="text-sm">{t('decision.editHint')}</p>
              <label className="font-bold" htmlFor={`${p.id}-text`}>
                {t('proposals.text')}
              </label>
              <textarea
                dir="auto"
                id={`${p.id}-text`}
                name="text"
                rows={3}
                maxLength={MAX_TEXT}
                defaultValue={p.text}
                className="rounded-lg border-2 border-stone-500 px-3 py-2 text-lg"
              />
              <label className="grid gap-1 text-sm font-bold">
                {t('decision.editor')}
                <Input name="editor" maxLength={100} className="max-w-72" />
              </label>
              <Button type="submit" size="sm" className="justify-self-start">
                {t('decision.saveText')}
              </Button>
            </form>
          ) : null}
        </details>
      )}
      {p.revisions.length ? (
        <details data-testid="earlier-texts">
          <summary className="cursor-pointer text-sm font-bold">{t('decision.earlier', { count: p.revisions.length })}</summary>
          <ol className="mt-1 grid gap-1 text-sm">
            {[...p.revisions].reverse().map((r) => (
              <li key={r.id} className="border-s-4 border-stone-300 ps-2">
                <span className="block text-stone-700">
                  {r.by ? t('decision.changedBy', { when: when(r.at), name: r.by }) : t('decision.changedAt', { when: when(r.at) })}
                </span>
                <span dir="auto">{r.text}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
