/**
 * Colours for named cursors. The editor's caret (TipTap, y-prosemirror) takes only `#rrggbb` and
 * paints anything else transparent, and the label's text is white: so every colour here is
 * `#rrggbb` and dark enough for white text at WCAG AA (4.5:1).
 */

/** WCAG AA for normal text. */
export const MIN_CONTRAST = 4.5;

/** WCAG 2 relative luminance of an sRGB colour (channels 0–255). */
export function luminance([r, g, b]: readonly [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Contrast ratio of an sRGB colour against white (1 to 21). */
export function contrastWithWhite(rgb: readonly [number, number, number]): number {
  return 1.05 / (luminance(rgb) + 0.05);
}

/** HSL (hue in degrees, saturation and lightness 0–1) to sRGB channels 0–255. */
function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

const hex = (rgb: readonly number[]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/**
 * A colour per person, from their name, so a cursor keeps its colour across reloads: the hue comes
 * from the name; the lightness starts at 35% and steps down until white text reads on it at
 * 4.5:1 (light hues such as yellow need it darker). Always `#rrggbb`.
 */
export function colourFor(name: string): string {
  let h = 0;
  for (const c of name) h = (h * 31 + c.codePointAt(0)!) % 360;
  // At most 35 steps: at 0% lightness the colour is black (21:1), so the loop always ends in time.
  for (let l = 35; l >= 0; l--) {
    const rgb = hslToRgb(h, 0.7, l / 100);
    if (contrastWithWhite(rgb) >= MIN_CONTRAST) return hex(rgb);
  }
  return '#000000';
}
