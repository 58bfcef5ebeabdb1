import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '~/i18n/react';
import { CopyField } from './copy-field';

/**
 * The facilitator key, shown once after an assembly is made ([H3], [N31]). A native `<dialog>`:
 * the server renders it open (so it shows without JavaScript, in a scrolling overlay); with
 * JavaScript it becomes modal (`showModal`: focus moves in, the page behind is inert, so Tab
 * stays inside). Escape does not close it — closing would hide the only key — it moves focus to
 * "I have saved it" and says why; if the browser closes it anyway (Chromium lets a second
 * Escape through), it opens again. Scrolls within the window at 400% zoom (320×256).
 */
export function KeyDialog({ keyUrl, doneHref }: { keyUrl: string; doneHref: string }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const done = useRef<HTMLAnchorElement>(null);
  // How many times Escape was pressed: each one (after the hint has rendered) focuses "I have saved it".
  const [escapes, setEscapes] = useState(0);
  const escaped = escapes > 0;
  const leaving = useRef(false);
  // The close that turns the server's open dialog into a modal one is not a person's Escape.
  const reopening = useRef(false);

  const toDone = () => setEscapes((n) => n + 1);
  useEffect(() => {
    if (escapes > 0) done.current?.focus();
  }, [escapes]);

  useEffect(() => {
    const d = dialog.current;
    if (!d || d.matches(':modal')) return;
    // Rendered open (not modal) by the server: reopen it as a modal.
    if (d.open) {
      reopening.current = true;
      d.close();
    }
    d.showModal();
    d.scrollTop = 0;
  }, []);

  return (
    <div className="fixed inset-0 z-50 overflow-y-auto bg-stone-950/70 p-4" data-testid="key-overlay">
      <dialog
        ref={dialog}
        open
        // An alert dialog: it asks for attention and an answer (as the old one did, [H3]).
        role="alertdialog"
        aria-labelledby="key-title"
        aria-describedby="key-warning"
        data-testid="key-dialog"
        className="relative mx-auto my-0 block w-full max-w-lg rounded-xl border-4 border-amber-400 bg-white p-6 text-stone-950 backdrop:bg-stone-950/70 [&:modal]:fixed [&:modal]:m-auto [&:modal]:max-h-[100dvh] [&:modal]:w-[calc(100%-1rem)] [&:modal]:overflow-y-auto"
        onCancel={(e) => {
          e.preventDefault();
          toDone();
        }}
        onClose={() => {
          if (reopening.current) {
            reopening.current = false;
            return;
          }
          if (leaving.current) return;
          dialog.current?.showModal();
          toDone();
        }}
      >
        <h2 id="key-title" className="break-words text-2xl font-black">
          {t('key.heading')}
        </h2>
        <p id="key-warning" className="mt-3 text-lg font-semibold text-red-900">
          {t('key.warning')}
        </p>
        <CopyField value={keyUrl} label={t('key.heading')} />
        {escaped ? (
          <p role="status" className="mt-3 font-semibold" data-testid="key-escape-hint">
            {t('key.escapeHint')}
          </p>
        ) : null}
        <a
          ref={done}
          href={doneHref}
          onClick={() => (leaving.current = true)}
          className="mt-4 inline-flex min-h-11 items-center rounded-lg bg-stone-950 px-4 font-bold text-white"
        >
          {t('key.done')}
        </a>
      </dialog>
    </div>
  );
}
