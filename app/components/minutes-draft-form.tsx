/**
 * The minutes draft: one plain form (save, publish, discard) that works without JavaScript, and
 * with it autosaves and says honestly whether the text on screen is saved (ADR 017, [D2]–[D4]).
 */
import { Form } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from '~/i18n/react';
import type { MinutesDraft } from '~/services';
import { useDraftAutosave, type DraftStatus } from '~/utils/use-draft-autosave';
import { Button } from './ui/button';
import { Card } from './ui/card';
import { SaveConflict } from './save-conflict';

const STATUS_KEYS: Record<DraftStatus | 'notSavedYet', string> = {
  none: 'minutes.draft.none',
  saved: 'minutes.draft.saved',
  saving: 'minutes.draft.saving',
  conflict: 'minutes.draft.conflict',
  offline: 'minutes.draft.offline',
  refused: 'minutes.draft.refused',
  notSavedYet: 'minutes.draft.notSavedYet',
};

/** Another facilitator's save (or a publish or discard) came first: both texts, side by side. */
function DraftConflict({ current, editUrl }: { current: MinutesDraft; editUrl: string }) {
  const { t } = useTranslation();
  return (
    <SaveConflict
      testId="draft-conflict"
      className="mt-3"
      alert={t(current.markdown === null ? 'minutes.draft.conflictGone' : 'minutes.draft.conflictChanged')}
      hint={t('minutes.draft.conflictHint')}
      theirs={current.markdown}
      theirsId="minutes-current"
      theirsLabel={t('minutes.draft.theirs')}
      useTheirsHref={editUrl}
      useTheirsLabel={t('minutes.draft.useTheirs')}
    />
  );
}

function DiscardConfirm({ revision }: { revision: number }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="mt-3 grid gap-2 rounded-lg border-2 border-red-800 p-3" data-testid="discard-confirm">
      <p role="alert" className="font-bold">
        {t('minutes.draft.discardConfirm')}
      </p>
      <input type="hidden" name="intent" value="discard" />
      <input type="hidden" name="confirm" value="yes" />
      <input type="hidden" name="revision" value={revision} />
      <Button type="submit" variant="danger" className="justify-self-start">
        {t('minutes.draft.discardYes')}
      </Button>
    </Form>
  );
}

export function MinutesDraftForm({
  assemblyId,
  text,
  unsaved,
  stored,
  conflict,
  confirmDiscard,
  error,
  versions,
  busy,
}: {
  assemblyId: string;
  /** What the box shows: the saved draft, the latest minutes, a fresh draft, or the facilitator's own text sent back. */
  text: string;
  /** `text` is not what the server holds (a fresh draft, or text sent back with an error). */
  unsaved: boolean;
  /** The draft as the server held it when the page was made. */
  stored: MinutesDraft;
  conflict: MinutesDraft | null;
  confirmDiscard: boolean;
  error: string | null;
  versions: number;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const editUrl = `/a/${assemblyId}/minutes/edit`;
  const autosave = useDraftAutosave({
    url: `/a/${assemblyId}/minutes/draft`,
    revision: stored.revision,
    savedText: stored.markdown,
    initialText: text,
    initialUnsaved: unsaved,
    initialConflict: conflict,
  });
  // Until the page runs its script, nothing autosaves: say so rather than "Saving…".
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const status = !hydrated && (autosave.status === 'saving' || unsaved) && !autosave.conflict ? 'notSavedYet' : autosave.status;
  const shownConflict = autosave.conflict;
  return (
    <Card>
      <h2 className="text-xl font-black">{t('minutes.reviewAndPublish')}</h2>
      <p className="mt-1 text-stone-700">{t('minutes.publishHint', { count: versions })}</p>
      {shownConflict ? <DraftConflict current={shownConflict} editUrl={editUrl} /> : null}
      {confirmDiscard && !shownConflict ? <DiscardConfirm revision={autosave.revision} /> : null}
      <Form method="post" className="mt-3 grid gap-3" onSubmit={autosave.stop}>
        <label htmlFor="minutes-text" className="font-bold">
          {t('minutes.text')}
        </label>
        <textarea
          dir="auto"
          id="minutes-text"
          name="markdown"
          rows={24}
          defaultValue={text}
          onInput={(e) => autosave.changed(e.currentTarget.value)}
          className="rounded-lg border-2 border-stone-500 p-3 font-mono text-sm"
        />
        {/* After a conflict, saving again is a choice to put this text over the one shown. */}
        <input type="hidden" name="revision" value={shownConflict ? shownConflict.revision : autosave.revision} />
        <p
          role="status"
          data-testid="draft-status"
          data-status={status}
          className={`font-semibold ${status === 'conflict' || status === 'offline' || status === 'refused' ? 'text-red-800' : 'text-stone-700'}`}
        >
          {t(STATUS_KEYS[status])}
        </p>
        {error ? (
          <p role="alert" className="font-semibold text-red-800">
            {t(error)}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy || autosave.inFlight}>
            {t(shownConflict ? 'minutes.draft.saveMine' : 'minutes.draft.save')}
          </Button>
          <Button type="submit" name="intent" value="publish" disabled={busy || autosave.inFlight}>
            {t('minutes.publish')}
          </Button>
          {stored.markdown !== null || autosave.status === 'saved' ? (
            <Button type="submit" name="intent" value="discard" variant="danger" disabled={busy || autosave.inFlight}>
              {t('minutes.draft.discard')}
            </Button>
          ) : null}
        </div>
      </Form>
    </Card>
  );
}
