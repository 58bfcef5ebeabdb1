import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How many times the wall's type may step down (5% each, to 60%; see tailwind.css `data-fit`). */
export const FIT_STEPS = 8;

// useLayoutEffect warns on the server; there is nothing to measure there anyway.
const useBrowserLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Steps the projector's type down until everything fits its screen ([N25]): after each render,
 * while the page or any region marked `data-fit-clip` or `data-fit-measure` (one that holds the
 * join code, so it is never faded) is taller than its box, one step smaller
 * (the root font size, so every rem-sized thing shrinks together and the QR, sized by the
 * screen's height, stays). When `content` changes or the window is resized it starts again from
 * full size. What still does not fit at the smallest step fades out at its region's foot. Without
 * JavaScript the layout's own limits (clamped lines, a clipped middle) hold.
 */
export function useFit(content: string): void {
  const [step, setStep] = useState(0);
  const seen = useRef(content);
  useEffect(() => {
    const reset = () => setStep(0);
    window.addEventListener('resize', reset);
    return () => window.removeEventListener('resize', reset);
  }, []);
  useBrowserLayoutEffect(() => {
    const root = document.documentElement;
    if (seen.current !== content) {
      seen.current = content;
      if (step !== 0) {
        setStep(0);
        return;
      }
    }
    root.dataset.fit = String(step);
    const over = (el: Element) => el.scrollHeight > el.clientHeight + 1;
    const regions = [...document.querySelectorAll<HTMLElement>('[data-fit-clip]')];
    const overflowing = over(root) || regions.some(over) || [...document.querySelectorAll('[data-fit-measure]')].some(over);
    if (overflowing && step < FIT_STEPS) {
      setStep(step + 1);
      return;
    }
    // At the smallest step what still does not fit is cut: faded out, not sliced through a line.
    for (const el of regions) {
      if (over(el)) el.dataset.clipped = '';
      else delete el.dataset.clipped;
    }
  });
  useEffect(() => () => void delete document.documentElement.dataset.fit, []);
}
