import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Where the console remembers which panels a facilitator folded away (this browser only). */
const STORAGE_PREFIX = 'plenary.console.panel.';

/** Reads a remembered open/closed state; storage can be off (private mode, a locked-down laptop). */
function remembered(id: string): boolean | null {
  try {
    const value = window.localStorage.getItem(STORAGE_PREFIX + id);
    return value === 'closed' ? false : value === 'open' ? true : null;
  } catch {
    return null;
  }
}

function remember(id: string, open: boolean): void {
  try {
    window.localStorage.setItem(STORAGE_PREFIX + id, open ? 'open' : 'closed');
  } catch {
    // Not remembered: the panel still opens and closes.
  }
}

/**
 * One panel of the console ([P10]): a landmark `<section>` named by its real `<h2>` (an in-page
 * anchor the section nav jumps to), whose body folds away in a `<details>` — so it opens and
 * closes with the keyboard and without JavaScript. Open by default; with JavaScript the
 * facilitator's choice is kept per panel in localStorage. `className` lays it out in the grid.
 */
export function CollapsibleSection({
  id,
  title,
  children,
  className = '',
  tone = 'plain',
  headingId = `${id}-heading`,
}: {
  /** The anchor (`#id`) and the storage key. */
  id: string;
  /** The heading's id (default `<id>-heading`); it takes focus when a panel sends it there. */
  headingId?: string;
  title: ReactNode;
  children: ReactNode;
  className?: string;
  tone?: 'plain' | 'danger';
}) {
  const { t } = useTranslation();
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const open = remembered(id);
    if (open !== null && details.current) details.current.open = open;
  }, [id]);
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className={`console-section rounded-xl border-2 bg-white ${tone === 'danger' ? 'border-red-800' : 'border-stone-300'} ${className}`}
      data-panel={id}
    >
      <details ref={details} open onToggle={(e) => remember(id, e.currentTarget.open)} className="group">
        <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-3 rounded-xl px-4 py-2 focus:outline-none focus-visible:ring-4 focus-visible:ring-amber-400 sm:px-6 [&::-webkit-details-marker]:hidden">
          <h2 id={headingId} tabIndex={-1} className={`text-xl font-black ${tone === 'danger' ? 'text-red-900' : ''}`}>
            {title}
          </h2>
          <span className="shrink-0 text-sm font-bold text-stone-700">
            <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-180">
              ▾
            </span>{' '}
            <span className="group-open:hidden">{t('console.panelShow')}</span>
            <span className="hidden group-open:inline">{t('console.panelHide')}</span>
          </span>
        </summary>
        <div className="px-4 pb-4 sm:px-6 sm:pb-6">{children}</div>
      </details>
    </section>
  );
}
