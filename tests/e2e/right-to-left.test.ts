/**
 * Arabic in Chromium (SPEC [L6], [L14], [L15], [L16], [L41], [L42]): the shipped Arabic catalogue
 * makes the console, the phone and the projector right to left and mirrored, in its own words,
 * with no missing-key mark, no raw key and no letter without a font; what people type keeps its
 * own direction on every page; the switcher lists every language. (LOCALES_DIR has its own tests:
 * tests/unit/locale-files.test.ts, tests/integration/languages.test.ts.) Screenshots go to
 * PLENARY_SHOTS, else /work/shots/i14/, when that folder exists (looked at by a person).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, type Client } from '../helpers/clients.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { expectAxeClean } from './axe.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { raiseHand } from '../../app/model/stack.js';
import { resetTimer, startTimer } from '../../app/model/timers.js';
import { MISSING_MARK } from '../../app/i18n/i18n.js';
import { lookup } from '../../app/i18n/translate.js';
import { rawKeys, readableText, SHIPPED, tofu } from './page-words.js';

const SHOTS = process.env.PLENARY_SHOTS ?? '/work/shots/i14';
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;
beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Local 12 general assembly');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  addItem(plenary.doc, { title: 'Contract vote', kind: 'discussion', minutes: 20 });
  addItem(plenary.doc, { title: 'التصويت على العقد', kind: 'discussion', minutes: 20 });
  goToItem(plenary.doc, readAgenda(plenary.doc)[0].id, Date.now());
  raiseHand(plenary.doc, { name: 'Hodan', kind: 'speak' }, Date.now() - 2000);
  raiseHand(plenary.doc, { name: 'فاطمة', kind: 'speak' }, Date.now() - 1000);
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

async function shot(page: Page, name: string) {
  if (fs.existsSync(SHOTS)) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function open(url: string, locale: string, viewport: { width: number; height: number }, token: string): Promise<Page> {
  const page = await (await h.person({ locale, viewport })).newPage();
  await page.goto(`${h.server.url}/join/${token}`);
  await page.goto(`${h.server.url}${url}`);
  await waitLive(page);
  return page;
}

/** What the page says it is, and where its header's title and the switcher sit. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const title = document.querySelector('[data-testid="assembly-title"]')!.getBoundingClientRect();
    const switcher = document.querySelector('[data-testid="language-switcher"]')!.getBoundingClientRect();
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      width: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
      titleLeft: title.left,
      titleRight: title.right,
      switcherLeft: switcher.left,
      switcherRight: switcher.right,
      text: document.body.innerText,
    };
  });

/** The direction the browser gives an element's text. */
const directionOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).direction);

describe('[L6][L14] Arabic pages are right to left and mirrored', () => {
  it.each([
    ['console', 'facilitate', LAPTOP],
    ['console', 'facilitate', PHONE],
    ['phone', '', PHONE],
    ['phone', '', LAPTOP],
  ] as const)(
    'the %s (%s) at %j',
    async (name, route, viewport) => {
      const token = route === 'facilitate' ? asm.facilitatorToken : asm.attendeeToken;
      const url = `/a/${asm.id}${route ? `/${route}?saved` : ''}`;
      const ar = await open(url, 'ar', viewport, token);
      const en = await open(url, 'en-US', viewport, token);
      const [right, left] = [await layout(ar), await layout(en)];
      await shot(ar, `${name}-ar-${viewport.width}x${viewport.height}`);
      await shot(en, `${name}-en-${viewport.width}x${viewport.height}`);
      expect([right.lang, right.dir, left.lang, left.dir]).toEqual(['ar', 'rtl', 'en', 'ltr']);
      expect(right.text.includes(MISSING_MARK), 'a missing-key mark').toBe(false);
      // The shipped catalogue's own words are used, and what was typed, as typed; every letter has a font.
      const words = await readableText(ar);
      expect(rawKeys(words)).toEqual([]);
      expect(await tofu(ar, words)).toEqual([]);
      for (const key of ['language.change', route ? 'console.navAgenda' : 'attendee.heading'])
        expect(right.text.includes(lookup(SHIPPED.ar, key)!), key).toBe(true);
      expect(right.text.includes('Local 12 general assembly'), 'the typed title').toBe(true);
      await expectAxeClean(ar, `Arabic ${name} at ${viewport.width}`); // [N30] right to left too
      // Mirrored: the title starts at the right edge in Arabic and at the left in English, the
      // switcher likewise, and nothing spills sideways.
      expect(viewport.width - right.titleRight).toBeCloseTo(left.titleLeft, -1);
      expect(viewport.width - right.switcherRight).toBeCloseTo(left.switcherLeft, -1);
      expect(right.titleRight).toBeGreaterThan(viewport.width / 2);
      expect(right.scrollWidth).toBeLessThanOrEqual(right.width);
    },
    90_000,
  ); // axe on a whole page, on a machine shared with other runs

  it('the projector too, at 1280×720', async () => {
    const page = await open(`/a/${asm.id}/screen`, 'ar', { width: 1280, height: 720 }, asm.attendeeToken);
    await shot(page, 'projector-ar-1280x720');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const words = await readableText(page);
    expect(words.includes(MISSING_MARK), 'a missing-key mark').toBe(false);
    expect(rawKeys(words)).toEqual([]);
  });
});

describe('[L15] what people type keeps its own direction', () => {
  it('an Arabic name and title read right to left on an English page, an English one left to right on an Arabic page', async () => {
    const en = await open(`/a/${asm.id}`, 'en-US', PHONE, asm.attendeeToken);
    const ar = await open(`/a/${asm.id}`, 'ar', PHONE, asm.attendeeToken);
    for (const [page, ownName, otherName] of [
      [en, 'Hodan', 'فاطمة'],
      [ar, 'فاطمة', 'Hodan'],
    ] as const) {
      const pageDir = await page.evaluate(() => document.documentElement.dir);
      const names = page.locator('[dir="auto"]', { hasText: otherName });
      expect(await names.count(), `${pageDir}: ${otherName}`).toBeGreaterThan(0);
      expect(await names.first().evaluate((el) => getComputedStyle(el).direction)).toBe(pageDir === 'rtl' ? 'ltr' : 'rtl');
      expect(
        await page
          .locator('[dir="auto"]', { hasText: ownName })
          .first()
          .evaluate((el) => getComputedStyle(el).direction),
      ).toBe(pageDir);
    }
    expect(await directionOf(en, '[data-testid="assembly-title"]')).toBe('ltr');
    expect(await directionOf(ar, '[data-testid="assembly-title"]')).toBe('ltr');
    // ...and still lines up with the page: the English title starts at the right on the Arabic page.
    // (At 320 px, where the title wraps in any font, so its lines do not fill the box.)
    for (const page of [en, ar]) await page.setViewportSize({ width: 320, height: 700 });
    const gaps = (page: Page) =>
      page.getByTestId('assembly-title').evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const [text, box] = [range.getBoundingClientRect(), el.getBoundingClientRect()];
        return { left: Math.round(text.left - box.left), right: Math.round(box.right - text.right) };
      });
    expect((await gaps(ar)).right).toBeLessThanOrEqual(1);
    expect((await gaps(ar)).left).toBeGreaterThan(10);
    expect((await gaps(en)).left).toBeLessThanOrEqual(1);
  });
});

describe('[L16] the switcher', () => {
  it('lists all nine languages by their own names, fits 320 and 390 px phones, and switches without JavaScript', async () => {
    const page = await (await h.person({ javaScript: false, locale: 'en-US', viewport: { width: 320, height: 700 } })).newPage();
    await page.goto(h.server.url);
    const switcher = page.getByTestId('language-switcher');
    expect(await switcher.locator('option').allTextContents()).toEqual([
      'English',
      'አማርኛ',
      'العربية',
      'Español',
      'Hmoob',
      'Afaan Oromoo',
      'Soomaali',
      'ትግርኛ',
      'Tiếng Việt',
    ]);
    // On a 320 px phone it fits the width in at most two rows; on a 390 px phone in one
    // (label, list, button), not a column of nine buttons.
    let box = (await switcher.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    expect(box.height).toBeLessThan(110);
    await page.setViewportSize(PHONE);
    box = (await switcher.boundingBox())!;
    expect(box.height).toBeLessThan(60);
    await page.setViewportSize({ width: 320, height: 700 });
    await switcher.getByRole('combobox').selectOption('ar');
    await switcher.getByRole('button').click();
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await page.getByTestId('language-switcher').getByRole('combobox').inputValue()).toBe('ar');
    await shot(page, 'home-ar-320-nojs');
  });

  it('is on an error page', async () => {
    const page = await (await h.person({ locale: 'ar', viewport: PHONE })).newPage();
    const res = await page.goto(`${h.server.url}/a/no-such-assembly/minutes`);
    expect(res!.status()).toBeGreaterThanOrEqual(400);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByTestId('language-switcher').count()).toBe(1);
    await shot(page, 'error-ar-390x844');
  });
});

describe('[L87] a clock on an Arabic page', () => {
  it('an item over time reads "+1:…" left to right: the sign before the digits, the page still right to left', async () => {
    const other = await createAssembly(h.server.url, 'Over time');
    const facilitator = connect(h.server.syncUrl, `${other.id}/plenary`, other.facilitatorToken);
    try {
      await facilitator.synced;
      const id = addItem(facilitator.doc, { title: 'Long item', kind: 'discussion', minutes: 1 });
      goToItem(facilitator.doc, id, Date.now() - 2 * 60_000);
      resetTimer(facilitator.doc, 'item', 60_000);
      startTimer(facilitator.doc, 'item', Date.now() - 2 * 60_000);
      const page = await open(`/a/${other.id}`, 'ar', PHONE, other.attendeeToken);
      const value = page.getByTestId('item-timer').first().getByTestId('timer-value');
      await value.filter({ hasText: /^\+\d/ }).waitFor();
      const seen = await value.evaluate((el) => {
        const text = [...el.querySelectorAll('*'), el].flatMap((n) => [...n.childNodes]).find((n) => n.nodeType === Node.TEXT_NODE)!;
        const at = (i: number) => {
          const range = document.createRange();
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          return range.getBoundingClientRect().left;
        };
        return { text: text.textContent!, sign: at(0), last: at(text.textContent!.length - 1), dir: getComputedStyle(el).direction };
      });
      expect(seen.text).toMatch(/^\+1:\d\d$/);
      expect(seen.dir).toBe('rtl');
      expect(seen.sign, `"${seen.text}": the + is drawn left of the last digit`).toBeLessThan(seen.last);
      await shot(page, 'ar-phone-overtime');
    } finally {
      facilitator.destroy();
    }
  });
});
