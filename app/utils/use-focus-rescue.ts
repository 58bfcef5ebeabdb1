import { useEffect, type RefObject } from 'react';

/**
 * Keeps keyboard and screen-reader users in place when what they just used goes away ([N8]): a
 * vote button replaced by "your vote is in", a withdrawn hand's button, a redeemed code's form.
 * When the focused element leaves the page and focus falls to <body>, it moves to the section the
 * element was in (or the page's first heading), instead of the top of the document.
 */
export function useFocusRescue(root: RefObject<HTMLElement>): void {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    let last: HTMLElement | null = null;
    let home: HTMLElement | null = null;
    const onFocusIn = (event: FocusEvent) => {
      last = event.target as HTMLElement;
      home = last.closest('section');
    };
    const rescue = () => {
      if (!last || last.isConnected) return;
      const active = document.activeElement;
      if (active && active !== document.body) return;
      const target = (home?.isConnected ? home : null) ?? el.querySelector<HTMLElement>('h1, h2');
      last = null;
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    };
    const observer = new MutationObserver(rescue);
    observer.observe(el, { childList: true, subtree: true });
    el.addEventListener('focusin', onFocusIn);
    return () => {
      observer.disconnect();
      el.removeEventListener('focusin', onFocusIn);
    };
  }, [root]);
}
