/**
 * The facilitator key dialog ([N31]): focus moves into it, Tab stays in it, Escape keeps it (the
 * only key must not vanish) and points at "I have saved it"; at 400% zoom (320×256 CSS px) its
 * title and that button can be reached by scrolling and by keyboard; without JavaScript it shows,
 * scrollable, too.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, waitLive, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const ZOOMED = { width: 320, height: 256 };
const SHOTS = '/work/shots/access';

/** Creates an assembly through the form, as a person does; lands on the console with the key. */
async function create(page: Page, title: string): Promise<void> {
  await page.goto(`${h.server.url}/`);
  await page.locator('#title').fill(title);
  await page.locator('#title').press('Enter');
  await page.waitForURL(/\/facilitate/);
}

/** The element's box lies inside the window (after scrolling it there). */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.height > 0;
  }, selector);
}

const focusedInDialog = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="key-dialog"]')));

it('[N31] at 320×256 the key dialog takes focus, keeps Tab inside, survives Escape, and its title and "I have saved it" can be reached', async () => {
  const page = await (await h.person({ viewport: ZOOMED })).newPage();
  await create(page, 'Zoomed hall');
  const dialog = page.getByTestId('key-dialog');
  await dialog.waitFor();
  expect(await dialog.evaluate((d) => d.matches(':modal'))).toBe(true);
  expect(await focusedInDialog(page)).toBe(true);
  // Focus starts at the top (the key's field), with nothing said about Escape yet.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
  expect(await page.getByTestId('key-escape-hint').count()).toBe(0);

  // Tab and Shift+Tab never reach the page behind it.
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    const where = await page.evaluate(() => {
      const a = document.activeElement;
      return !a || a === document.body ? 'outside-document' : a.closest('[data-testid="key-dialog"]') ? 'dialog' : 'page';
    });
    expect(where).not.toBe('page');
  }

  // The title can be scrolled to, and so can the button; the keyboard brings the button into view.
  await page.locator('#key-title').scrollIntoViewIfNeeded();
  expect(await inView(page, '#key-title')).toBe(true);
  const done = dialog.getByRole('link', { name: 'I have saved it' });
  await done.scrollIntoViewIfNeeded();
  expect(await inView(page, '[data-testid="key-dialog"] a[href$="?saved"]')).toBe(true);

  if (fs.existsSync(SHOTS)) {
    for (const size of [ZOOMED, { width: 390, height: 844 }, { width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/key-dialog-${size.width}x${size.height}.png` });
    }
    await page.setViewportSize(ZOOMED);
  }

  // Escape keeps the key on screen and moves focus to "I have saved it", saying why; twice, too.
  await page.locator('#key-title').scrollIntoViewIfNeeded();
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toMatch(/\?saved$/);
  await page.getByTestId('key-escape-hint').waitFor();
  expect(await inView(page, '[data-testid="key-dialog"] a[href$="?saved"]')).toBe(true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
  expect(await focusedInDialog(page)).toBe(true);

  // "I have saved it" (by keyboard) closes it for good.
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.search.includes('saved'));
  await page.waitForLoadState('load');
  await waitLive(page);
  expect(await page.getByTestId('key-dialog').count()).toBe(0);
  // Focus is on the console, not stuck in a closed dialog.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
});

it('[N31] without JavaScript the key shows in an overlay that scrolls at 320×256', async () => {
  const page = await (await h.person({ viewport: ZOOMED, javaScript: false })).newPage();
  await create(page, 'Plain hall');
  await page.getByTestId('key-dialog').waitFor();
  await page.locator('#key-title').scrollIntoViewIfNeeded();
  expect(await inView(page, '#key-title')).toBe(true);
  await page.locator('[data-testid="key-dialog"] a[href$="?saved"]').scrollIntoViewIfNeeded();
  expect(await inView(page, '[data-testid="key-dialog"] a[href$="?saved"]')).toBe(true);
});
