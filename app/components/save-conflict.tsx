/**
 * Someone else saved first (ADR 017): the refusal, their text read-only beside the box, and a link
 * that reloads with theirs. One box for the minutes draft and for a minutes translation, which each
 * pass their own words.
 */
import type { HTMLAttributes } from 'react';

export function SaveConflict({
  testId,
  alert,
  hint,
  theirs,
  theirsId,
  theirsLabel,
  useTheirsHref,
  useTheirsLabel,
  lang,
  dir = 'auto',
  className = '',
}: {
  testId: string;
  /** What happened, announced. */
  alert: string;
  /** What the person can do about it. */
  hint: string;
  /** Their text; null when theirs was a discard (nothing to show). */
  theirs: string | null;
  theirsId: string;
  theirsLabel: string;
  useTheirsHref: string;
  useTheirsLabel: string;
  /** The language their text is in, when known. */
  lang?: string;
  dir?: HTMLAttributes<HTMLTextAreaElement>['dir'];
  className?: string;
}) {
  return (
    <div className={`grid gap-2 rounded-lg border-2 border-red-800 bg-red-50 p-3 ${className}`} data-testid={testId}>
      <p role="alert" className="font-bold text-red-800">
        {alert}
      </p>
      <p>{hint}</p>
      {theirs !== null ? (
        <>
          <label htmlFor={theirsId} className="font-bold">
            {theirsLabel}
          </label>
          <textarea
            id={theirsId}
            readOnly
            rows={10}
            value={theirs}
            lang={lang}
            dir={dir}
            className="w-full rounded-lg border-2 border-stone-500 bg-white p-3 font-mono text-sm"
          />
        </>
      ) : null}
      <a href={useTheirsHref} className="justify-self-start font-bold text-stone-950 underline underline-offset-4">
        {useTheirsLabel}
      </a>
    </div>
  );
}
