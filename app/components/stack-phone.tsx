import { useTranslation } from '~/i18n/react';
import { useServerNow } from '~/collab/use-server-now';
import { ENTRY_KINDS, estimateWaitMs, MAX_NAME, type StackView } from '~/model/stack';
import { remainingMs, type TimerState } from '~/model/timers';
import { entryName } from './entry-name';
import { Button } from './ui/button';
import { Field, Input } from './ui/field';
import { CommandForm, useCommandBusy } from './phone-commands';

/**
 * The stack on an attendee's phone: who speaks now, who is waiting, where I am and about how long
 * until my turn; raising and withdrawing a hand are plain form posts, so they work without JavaScript.
 */
export function StackPhone({
  stack,
  mine: mineIds,
  savedName,
  speakerTimer,
  error,
}: {
  stack: StackView;
  /** The ids of this phone's own entries (the server works them out; the room cannot). */
  mine: string[];
  savedName: string;
  speakerTimer: TimerState | null;
  error: string | null;
}) {
  const { t } = useTranslation();
  const now = useServerNow(1000);
  const busy = useCommandBusy();
  const speakerLeft = speakerTimer ? (now === null ? speakerTimer.durationMs - speakerTimer.elapsedMs : remainingMs(speakerTimer, now)) : 0;
  const isMine = (id: string) => mineIds.includes(id);
  const mine = stack.queue.map((e, i) => ({ e, i })).filter(({ e }) => isMine(e.id));

  return (
    <div>
      <h2 id="stack-heading" className="text-xl font-black">
        {t('stack.heading')}
      </h2>
      {stack.closed ? (
        <p className="mt-2 rounded-lg bg-stone-200 p-2 font-semibold" data-testid="stack-closed">
          {t('stack.closedNotice')}
        </p>
      ) : null}
      <p className="mt-2" data-testid="now-speaking">
        <span className="text-sm font-bold uppercase text-stone-700">{t('stack.nowSpeaking')}: </span>
        <span className="text-lg font-bold">{stack.speaker ? entryName(t, stack.speaker) : t('stack.nobody')}</span>
      </p>
      {mine.map(({ e, i }) => (
        <div key={e.id} className="mt-3 rounded-lg border-4 border-amber-400 bg-amber-50 p-3" data-testid="my-entry">
          <p className="text-lg font-black">{t('stack.yourPlace', { place: i + 1, kind: t(`stack.kinds.${e.kind}`) })}</p>
          <p>{t('stack.wait', { count: Math.max(1, Math.round(estimateWaitMs(stack, i, speakerLeft) / 60_000)) })}</p>
          <CommandForm name={`withdraw-${i}`} className="mt-2">
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="entryId" value={e.id} />
            <Button variant="secondary" type="submit" aria-disabled={busy || undefined}>
              {t('stack.withdraw')}
            </Button>
          </CommandForm>
        </div>
      ))}
      {stack.queue.length > 0 ? (
        <ol className="mt-3 divide-y-2 divide-stone-200" data-testid="stack-queue">
          {stack.queue.map((e, i) => (
            <li key={e.id} className={`flex flex-wrap items-baseline gap-x-3 py-2 ${isMine(e.id) ? 'font-black' : ''}`}>
              <span className="w-6 shrink-0 text-end font-mono">{i + 1}</span>
              <span className="min-w-0 flex-1 break-words">
                <span dir="auto">{entryName(t, e)}</span>
                {isMine(e.id) ? ` (${t('stack.you')})` : ''}
              </span>
              {e.kind !== 'speak' ? <span className="min-w-0 rounded bg-stone-200 px-2 text-sm font-semibold">{t(`stack.kinds.${e.kind}`)}</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-2 text-stone-700">{t('stack.empty')}</p>
      )}
      <CommandForm name="raise" className="mt-4 rounded-lg border-2 border-stone-300 p-3" aria-labelledby="raise-heading">
        <h3 id="raise-heading" className="text-lg font-black">
          {t('stack.raise')}
        </h3>
        <input type="hidden" name="intent" value="raise" />
        {/* The item this hand is for: sent late from the outbox, it is refused once the room moved on ([G5]). */}
        <input type="hidden" name="itemId" value={stack.itemId} />
        <Field id="hand-name" label={t('stack.yourName')} hint={t('stack.yourNameHint')}>
          {({ id, describedBy }) => (
            <Input id={id} name="name" defaultValue={savedName} maxLength={MAX_NAME} required autoComplete="nickname" aria-describedby={describedBy} />
          )}
        </Field>
        {/* A fieldset is as wide as its widest word unless told otherwise: at 200% text it ran off the phone ([N33]). */}
        <fieldset className="mb-4 min-w-0">
          <legend className="font-bold">{t('stack.kind')}</legend>
          <div className="mt-1 grid gap-2">
            {[...ENTRY_KINDS].reverse().map((kind) => (
              <label
                key={kind}
                className={`flex min-h-11 items-start gap-3 rounded-lg border-2 border-stone-300 p-2 ${stack.closed && kind !== 'process' ? 'opacity-50' : ''}`}
              >
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  defaultChecked={stack.closed ? kind === 'process' : kind === 'speak'}
                  disabled={stack.closed && kind !== 'process'}
                  className="mt-1 h-5 w-5"
                />
                <span className="min-w-0">
                  <span className="block font-bold">{t(`stack.kinds.${kind}`)}</span>
                  <span className="block text-sm text-stone-700">{t(`stack.kindHints.${kind}`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {error ? (
          <p role="alert" className="mb-3 font-semibold text-red-800" data-testid="stack-error">
            {t(error)}
          </p>
        ) : null}
        <Button type="submit" aria-disabled={busy || undefined}>
          {t('stack.raiseButton')}
        </Button>
      </CommandForm>
    </div>
  );
}
