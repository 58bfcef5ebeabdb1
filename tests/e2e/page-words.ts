/**
 * What a page in some language shows, checked as a reader would see it ([L41], [L42]): every
 * letter drawn by a real font (no empty boxes, "tofu"), no missing-key mark and no raw catalogue
 * key (`console.heading`) instead of words.
 */
import type { CDPSession, Page } from 'playwright-core';

export { rawKeys, SHIPPED } from '../helpers/catalogues.js';

/** Every text a person can read on the page: the body's, and the options of its lists. */
export const readableText = (page: Page): Promise<string> =>
  page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('option')].map((o) => o.textContent ?? '')].join('\n'));

/**
 * The letters of `text` the browser has no font for: each drawn alone on a canvas in the page's
 * font stack, compared with the drawing of a code point no font has (U+0378, unassigned), which
 * Chromium draws as the first font's "missing glyph" box. Letters, digits, punctuation and symbols
 * only (joiners and direction marks draw nothing on purpose).
 */
export const tofu = (page: Page, text: string): Promise<string[]> =>
  page.evaluate((text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 96;
    canvas.height = 64;
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    g.font = `40px ${getComputedStyle(document.body).fontFamily}`;
    const draw = (ch: string) => {
      g.clearRect(0, 0, canvas.width, canvas.height);
      g.fillText(ch, 16, 48);
      return g.getImageData(0, 0, canvas.width, canvas.height).data.join(',');
    };
    const missing = draw('\u0378');
    const letters = [...new Set([...text])].filter((ch) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch));
    return letters.filter((ch) => draw(ch) === missing);
  }, text);

/** The font families Chromium used to draw an element's text (DevTools protocol), for messages. */
export async function fontsUsed(page: Page, selector = 'body'): Promise<string[]> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: `${selector}, ${selector} *` });
    const families = new Set<string>();
    for (const nodeId of nodeIds) for (const f of (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts) families.add(f.familyName);
    return [...families].sort();
  } finally {
    await cdp.detach();
  }
}
