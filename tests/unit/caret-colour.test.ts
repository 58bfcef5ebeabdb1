import { describe, expect, it } from 'vitest';
import { colourFor, contrastWithWhite } from '../../app/utils/caret-colour.js';

const rgbOf = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('cursor colours', () => {
  // One-character names hash to their code point modulo 360: these cover every hue.
  const everyHue = Array.from({ length: 360 }, (_, i) => String.fromCodePoint(0x100 + i));
  const names = [...everyHue, 'Amina', 'Bao', 'Yusuf', 'Guadalupe', 'note-taker', '', 'Ñandú', '🙂'];

  it('[H6] are #rrggbb, the only form the editor’s caret paints (anything else is transparent)', () => {
    for (const name of names) expect(colourFor(name), name).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('[H6] take white label text at WCAG AA (4.5:1) for every hue', () => {
    for (const name of names) expect(contrastWithWhite(rgbOf(colourFor(name))), `${name}: ${colourFor(name)}`).toBeGreaterThanOrEqual(4.5);
  });

  it('[H6] stay the same for a name across reloads, and differ between people', () => {
    expect(colourFor('Amina')).toBe(colourFor('Amina'));
    expect(new Set(everyHue.map(colourFor)).size).toBeGreaterThan(300);
  });
});
