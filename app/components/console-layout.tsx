import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from '~/i18n/react';

/** One entry of the console's section nav: the section's anchor and its name. */
export interface ConsoleSection {
  id: string;
  label: string;
}

/** Opens the panel an anchor points into, if it was folded away, so a jump never lands on nothing. */
function openTarget(hash: string): HTMLElement | null {
  const id = decodeURIComponent(hash.replace(/^#/, ''));
  const target = id ? document.getElementById(id) : null;
  const details = target?.querySelector('details');
  if (details && !details.open) details.open = true;
  return target;
}

/**
 * A jump with JavaScript: the router treats a fragment navigation's `popstate` as a history
 * move and restores an old scroll position over it, so the console scrolls itself (the panel's
 * `scroll-margin-top` still applies), puts the address's #fragment in place without a history
 * entry, and moves focus to the panel's heading, where a screen reader or the Tab key goes on.
 */
function jump(e: MouseEvent<HTMLAnchorElement>, id: string): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const target = openTarget(`#${id}`);
  if (!target) return;
  e.preventDefault();
  target.scrollIntoView({ block: 'start' });
  window.history.replaceState(window.history.state, '', `#${id}`);
  target.querySelector<HTMLElement>('h2, [tabindex="-1"]')?.focus({ preventScroll: true });
}

/** An in-page link of the console: a plain `#fragment` without JavaScript, {@link jump} with it. */
export function JumpLink({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  return (
    <a href={`#${to}`} onClick={(e) => jump(e, to)} className={className}>
      {children}
    </a>
  );
}

/**
 * The facilitator console's frame ([P10]–[P12]). The run-the-room strip (`strip`) is sticky at
 * the top of the window below 1280 px (never more than half its height: on a short phone the
 * strip scrolls inside itself) and a sticky side column from 1280 px; the panels
 * (`children`, each a {@link CollapsibleSection}) follow, reached from a section nav of plain
 * in-page links (so it works without JavaScript) and skip links. With JavaScript the strip's
 * height is published as `--console-strip`, which the panels' `scroll-margin-top` uses, so a
 * jump never hides a heading under the strip.
 */
export function ConsoleLayout({ label, strip, sections, children }: { label: string; strip: ReactNode; sections: ConsoleSection[]; children: ReactNode }) {
  const { t } = useTranslation();
  const aside = useRef<HTMLElement>(null);

  useEffect(() => {
    const el = aside.current;
    if (!el) return;
    const root = document.documentElement;
    const publish = () => root.style.setProperty('--console-strip', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(el);
    const onHash = () => openTarget(window.location.hash);
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => {
      observer.disconnect();
      window.removeEventListener('hashchange', onHash);
      root.style.removeProperty('--console-strip');
    };
  }, []);

  return (
    <div className="mx-auto max-w-[120rem] xl:grid xl:grid-cols-[minmax(24rem,28rem)_minmax(0,1fr)] xl:items-start xl:gap-6 xl:px-6 xl:py-6">
      <aside
        ref={aside}
        id="run"
        aria-labelledby="run-heading"
        className="console-strip sticky top-0 z-30 max-h-[50vh] overflow-y-auto border-b-4 border-amber-400 bg-white px-4 py-2 shadow-md sm:px-6 xl:top-4 xl:max-h-[calc(100vh-2rem)] xl:rounded-xl xl:border-4 xl:p-4 xl:shadow-none"
        data-testid="console-strip"
      >
        <h2 id="run-heading" tabIndex={-1} className="sr-only xl:not-sr-only xl:mb-2 xl:text-lg xl:font-black">
          {label}
        </h2>
        {strip}
        <nav aria-label={t('console.sectionsNav')} className="mt-2 xl:mt-4" data-testid="section-nav">
          <ul className="-mx-1 flex gap-1.5 overflow-x-auto px-1 pb-1 xl:flex-wrap xl:overflow-visible">
            {sections.map((s) => (
              <li key={s.id} className="shrink-0">
                <JumpLink
                  to={s.id}
                  className="inline-flex min-h-8 items-center rounded-full border-2 border-stone-950 px-2.5 text-sm font-bold whitespace-nowrap hover:bg-stone-100 focus:outline-none focus-visible:ring-4 focus-visible:ring-amber-400"
                >
                  {s.label}
                </JumpLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div id="panels" tabIndex={-1} className="grid gap-4 px-4 py-4 focus:outline-none sm:px-6 xl:p-0 min-[1800px]:grid-cols-2 min-[1800px]:items-start">
        {children}
      </div>
    </div>
  );
}

/** Skip links, first in the page: past the header straight to the strip or to the panels. */
export function SkipLinks() {
  const { t } = useTranslation();
  const cls =
    'sr-only focus:not-sr-only focus:fixed focus:start-2 focus:top-2 focus:z-50 focus:rounded-lg focus:bg-stone-950 focus:px-4 focus:py-2 focus:font-bold focus:text-white';
  return (
    <div>
      <JumpLink to="run" className={cls}>
        {t('console.skipRun')}
      </JumpLink>
      <JumpLink to="panels" className={cls}>
        {t('console.skipPanels')}
      </JumpLink>
    </div>
  );
}
