/**
 * Contrast as a person sees it, measured in the browser: colours are turned into sRGB pixels by a
 * canvas (Tailwind 4 writes oklch, which no regex reads), and "behind" is the nearest ancestor
 * with an opaque background.
 */
import type { Page } from 'playwright-core';

export interface Measured {
  what: string;
  /** The element's outline style and width (for focus indicators). */
  outlineStyle: string;
  outlineWidth: number;
  contrast: number;
  /** True when this element was measured before (a tab order that came round). */
  again: boolean;
}

/** Contrast of `property` of the focused element (or the first match of `selector`) against what is behind it. */
export function measure(page: Page, property: 'outlineColor' | 'color', selector?: string): Promise<Measured | null> {
  return page.evaluate(
    ({ property, selector }) => {
      const el = (selector ? document.querySelector(selector) : document.activeElement) as HTMLElement | null;
      if (!el || el === document.body) return null;
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 1;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      const pixel = (colour: string) => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, 1, 1);
        return [...ctx.getImageData(0, 0, 1, 1).data];
      };
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      let behind = [255, 255, 255, 255];
      for (let p = property === 'color' ? el : el.parentElement; p; p = p.parentElement) {
        const px = pixel(getComputedStyle(p).backgroundColor);
        if (px[3] > 230) {
          behind = px;
          break;
        }
      }
      const style = getComputedStyle(el);
      const [a, b] = [lum(pixel(style[property])), lum(behind)];
      const again = el.dataset.measured === '1';
      el.dataset.measured = '1';
      return {
        what: `${el.tagName.toLowerCase()} ${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}`,
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
        again,
      };
    },
    { property, selector },
  );
}
