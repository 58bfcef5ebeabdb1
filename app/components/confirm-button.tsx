import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '~/i18n/react';
import { Button, type ButtonVariant } from './ui/button';

/** The form field a confirmed press carries; the console's action asks first without it ([G6]). */
export const CONFIRM_FIELD = 'confirm';

/**
 * A button that asks first. With JavaScript, a press opens an accessible `<dialog>` (focus on
 * "Cancel", Escape cancels, focus returns to the button): never `window.confirm`. `ask` is read at
 * the press; `null` means there is nothing to confirm (a round whose time is up, an empty agenda).
 *
 * Without `onConfirm` it is a submit button for a destructive act, placed inside its form: only
 * "Confirm" submits, with `confirm=yes`. Without JavaScript the press submits as it is and the
 * server answers with the same question as a form ([ConfirmPrompt]). With `onConfirm` it is a
 * plain button for a change made in the page (the document), and "Confirm" calls it.
 */
export function ConfirmButton({
  ask,
  confirmLabel,
  children,
  disabled,
  testId,
  onConfirm,
  variant = 'danger',
  size,
}: {
  ask: () => string | null;
  confirmLabel: string;
  children: ReactNode;
  disabled?: boolean;
  testId?: string;
  onConfirm?: () => void;
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [question, setQuestion] = useState<string | null>(null);
  const id = useId();

  // Opened after the question has rendered, so a screen reader hears it with the dialog.
  useEffect(() => {
    const d = dialog.current;
    if (question === null || !d || d.open) return;
    d.showModal();
    cancel.current?.focus();
  }, [question]);

  const close = () => {
    dialog.current?.close();
  };

  return (
    <>
      <Button
        ref={trigger}
        type={onConfirm ? 'button' : 'submit'}
        variant={variant}
        size={size}
        disabled={disabled}
        data-testid={testId}
        onClick={(e) => {
          e.preventDefault();
          const q = ask();
          if (q !== null) setQuestion(q);
          else if (onConfirm) onConfirm();
          else e.currentTarget.form?.requestSubmit(confirm.current);
        }}
      >
        {children}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-q`}
        className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl border-4 border-amber-400 bg-white p-6 text-stone-950 backdrop:bg-stone-950/70"
        data-testid="confirm-dialog"
        // Escape (the native "cancel"), Cancel and Confirm all close it; focus goes back to the button.
        onClose={() => {
          setQuestion(null);
          trigger.current?.focus();
        }}
      >
        <p id={`${id}-q`} className="text-xl font-black">
          {question}
        </p>
        <div className="mt-4 flex flex-wrap gap-3">
          {onConfirm ? (
            <Button
              type="button"
              variant={variant}
              onClick={() => {
                close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          ) : (
            <Button ref={confirm} type="submit" name={CONFIRM_FIELD} value="yes" variant={variant} onClick={close}>
              {confirmLabel}
            </Button>
          )}
          <Button ref={cancel} type="button" variant="secondary" onClick={close}>
            {t('confirm.cancel')}
          </Button>
        </div>
      </dialog>
    </>
  );
}
