/**
 * [G5] "Next item" in Chromium: Enter pressed twice on the button, and two consoles pressing for
 * the same item, move the room on by one item (issue 12, defect 3: an item was skipped).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually } from '../helpers/clients.js';
import { createAssembly, mintLink } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.close());

const LAPTOP = { width: 1366, height: 768 };

async function addItem(page: Page, title: string) {
  const form = page.getByTestId('new-item-form');
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Minutes planned').fill('10');
  await form.getByRole('button', { name: 'Add to the agenda' }).click();
  await page.getByText(title, { exact: true }).first().waitFor();
}

it('[G5] Enter twice on "Next item", and a second console pressing for the same item, never skip an item', async () => {
  const asm = await createAssembly(h.server.url, 'Next item');
  const second = await mintLink(h.server.url, asm, { role: 'facilitator' });
  const open = async (token: string) => {
    const page = await (await h.person({ viewport: LAPTOP })).newPage();
    await page.goto(`${h.server.url}/join/${token}`);
    await waitLive(page);
    return page;
  };
  const a = await open(asm.facilitatorToken);
  const b = await open(second.token);
  for (const title of ['Welcome', 'Report from the strike committee', 'Breakouts', 'Closing']) await addItem(a, title);
  const next = (page: Page) => page.getByTestId('next-item-button');
  await eventually(async () => expect(await next(b).textContent()).toContain('Welcome'));

  // Start, then Enter twice in a row on the focused button.
  await next(a).click();
  await eventually(async () => expect(await next(a).textContent()).toContain('Report from the strike committee'));
  // A fresh page, so this console's own "just pressed" pause from the click above is not in play.
  await a.reload();
  await waitLive(a);
  await next(a).focus();
  await a.keyboard.press('Enter');
  await a.keyboard.press('Enter');
  await eventually(async () => expect(await next(b).textContent()).toContain('Breakouts'));
  // The second Enter moved nothing: the room is on the strike committee's report, which is not done.
  expect(await next(a).textContent()).toContain('Breakouts');

  // Both consoles press for the same item; the later press finds the room gone and does nothing.
  await Promise.all([next(a).click(), next(b).click()]);
  await eventually(async () => expect(await next(a).textContent()).toContain('Closing'));
  await eventually(async () => expect(await next(b).textContent()).toContain('Closing'));
});
