/**
 * Autosave for the minutes draft (ADR 017): a quiet moment after typing, the text goes to
 * `/a/<id>/minutes/draft` with the revision it was based on. The status is what is true:
 * `saved` only once the server said so for the text on screen, `conflict` when another
 * facilitator's save came first (autosave then stops: nothing is overwritten without a press),
 * `offline` when the server could not be reached (it tries again), `refused` when the server
 * will not take this text (too long).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MinutesDraft } from '~/services';

export type DraftStatus = 'none' | 'saved' | 'saving' | 'conflict' | 'offline' | 'refused';

const QUIET_MS = 800;
const RETRY_MS = 5_000;

export function useDraftAutosave({
  url,
  revision: initialRevision,
  savedText,
  initialText,
  initialUnsaved,
  initialConflict,
}: {
  url: string;
  revision: number;
  /** The text the server holds for `revision` (null: no draft). */
  savedText: string | null;
  initialText: string;
  /** The text on screen is not the saved draft yet (a fresh draft from the assembly): save it at once. */
  initialUnsaved: boolean;
  initialConflict: MinutesDraft | null;
}) {
  const [revision, setRevision] = useState(initialRevision);
  const [conflict, setConflict] = useState<MinutesDraft | null>(initialConflict);
  const [status, setStatus] = useState<DraftStatus>(initialConflict ? 'conflict' : initialUnsaved ? 'saving' : savedText === null ? 'none' : 'saved');
  const [inFlight, setInFlight] = useState(false);
  const latest = useRef(initialText);
  const saved = useRef(savedText);
  const rev = useRef(initialRevision);
  const busy = useRef(false);
  const stopped = useRef(initialConflict !== null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(async (): Promise<void> => {
    timer.current = null;
    if (busy.current || stopped.current) return;
    if (latest.current === saved.current) return setStatus(saved.current === null ? 'none' : 'saved');
    const text = latest.current;
    busy.current = true;
    setInFlight(true);
    setStatus('saving');
    const body = new FormData();
    body.set('markdown', text);
    body.set('revision', String(rev.current));
    let retry = false;
    try {
      const res = await fetch(url, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (res.ok) {
        const ok = (await res.json()) as { revision: number };
        rev.current = ok.revision;
        saved.current = text;
        setRevision(ok.revision);
      } else if (res.status === 409) {
        const { current } = (await res.json()) as { current: MinutesDraft };
        stopped.current = true;
        setConflict(current);
        setStatus('conflict');
      } else if (res.status === 400 || res.status === 413) {
        // Too long, say: trying again changes nothing until the text does.
        setStatus('refused');
        return;
      } else retry = true;
    } catch {
      retry = true;
    } finally {
      busy.current = false;
      setInFlight(false);
    }
    if (stopped.current) return;
    if (retry) {
      setStatus('offline');
      timer.current = setTimeout(() => void flush(), RETRY_MS);
    } else if (latest.current !== saved.current) void flush();
    else setStatus('saved');
  }, [url]);

  /** The text on screen changed. */
  const changed = useCallback(
    (text: string) => {
      latest.current = text;
      if (stopped.current) return;
      setStatus(text === saved.current ? 'saved' : 'saving');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), QUIET_MS);
    },
    [flush],
  );

  /** A form is being sent (publish, discard, save over): no autosave may land after it. */
  const stop = useCallback(() => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // A fresh draft from the assembly is saved at once; the timer is cleared when the page goes.
  useEffect(() => {
    if (initialUnsaved && !stopped.current) changed(initialText);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { revision, conflict, status, inFlight, changed, stop };
}
