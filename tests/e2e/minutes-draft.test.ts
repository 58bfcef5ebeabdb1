/**
 * The minutes draft in Chromium (issue 12 defect 7): an edited, unpublished draft is there after
 * a reload, with JavaScript (autosave) and without (plain forms); two facilitators on two laptops
 * never overwrite each other silently.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually } from '../helpers/clients.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function editor(token: string, options: { javaScript?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await h.person({ viewport: { width: 1366, height: 768 }, ...options });
  const page = await context.newPage();
  await page.goto(`${h.server.url}/join/${token}`);
  const id = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`${h.server.url}/a/${id}/minutes/edit`);
  return page;
}

const box = (page: Page) => page.getByLabel('Minutes (Markdown)');
const status = (page: Page) => page.getByTestId('draft-status');
const saved = (page: Page) => eventually(async () => expect(await status(page).getAttribute('data-status')).toBe('saved'));

it('[D2] an edited draft is kept on the server: after a reload the text is there (autosave)', async () => {
  const asm = await createAssembly(h.server.url, 'Reload hall');
  const page = await editor(asm.facilitatorToken);
  await page.getByRole('button', { name: 'Make a draft from the assembly' }).click();
  await eventually(async () => expect(await box(page).inputValue()).toContain('Reload hall'));
  await box(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nMarshals meet at the union hall at 8.');
  expect(await status(page).textContent()).toBe('Saving…');
  await saved(page);
  expect(await status(page).textContent()).toBe('Saved');
  await page.reload();
  expect(await box(page).inputValue()).toContain('Marshals meet at the union hall at 8.');
  expect(await status(page).getAttribute('data-status')).toBe('saved');
  await page.screenshot({ path: '/work/shots/editor/minutes-draft-saved-1366.png', fullPage: true });
});

it('[D2] without JavaScript the draft is saved by its button and is there after a reload', async () => {
  const asm = await createAssembly(h.server.url, 'No script hall');
  const page = await editor(asm.facilitatorToken, { javaScript: false, viewport: { width: 390, height: 844 } });
  await box(page).fill('Typed on a laptop with scripts off.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.waitForURL(/\/minutes\/edit$/);
  await page.reload();
  expect(await box(page).inputValue()).toBe('Typed on a laptop with scripts off.');
  expect(await status(page).textContent()).toBe('Saved');
  // Discarding asks first, then the text is gone.
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.getByTestId('discard-confirm').waitFor();
  await page.screenshot({ path: '/work/shots/editor/minutes-discard-confirm-390.png', fullPage: true });
  await page.getByRole('button', { name: 'Yes, discard the draft' }).click();
  await page.waitForURL(/\/minutes\/edit$/);
  expect(await box(page).inputValue()).toBe('');
  expect(await status(page).getAttribute('data-status')).toBe('none');
});

it('[D2] two facilitators: the second one’s stale save is refused and shows both texts; nothing is lost', async () => {
  const asm: CreatedAssembly = await createAssembly(h.server.url, 'Two laptops');
  const second = await mintLink(h.server.url, asm, { role: 'facilitator', label: 'Bao' });
  const a = await editor(asm.facilitatorToken);
  const b = await editor(second.token);
  await box(a).fill('Amina: the march starts at 9.');
  await saved(a);
  // Bao's page was opened before Amina saved: his save is based on the old revision.
  await box(b).fill('Bao: the march starts at 10.');
  await eventually(async () => expect(await status(b).getAttribute('data-status')).toBe('conflict'));
  expect(await status(b).textContent()).toBe('Not saved — conflict');
  const conflict = b.getByTestId('draft-conflict');
  expect(await conflict.getByRole('alert').textContent()).toContain('another facilitator changed the draft');
  expect(await b.getByLabel('The saved draft now').inputValue()).toBe('Amina: the march starts at 9.');
  expect(await box(b).inputValue()).toBe('Bao: the march starts at 10.');
  await b.screenshot({ path: '/work/shots/editor/minutes-conflict-1366.png', fullPage: true });
  // Typing on does not save over Amina's text behind anyone's back.
  await box(b).press('End');
  await b.keyboard.type(' Or 11.');
  await a.reload();
  expect(await box(a).inputValue()).toBe('Amina: the march starts at 9.');
  // Bao chooses to keep his: now it is saved, and Amina's page sees it after a reload.
  await b.getByRole('button', { name: 'Save my text over it' }).click();
  await eventually(async () => expect(await status(b).getAttribute('data-status')).toBe('saved'));
  expect(await box(b).inputValue()).toBe('Bao: the march starts at 10. Or 11.');
  await a.reload();
  expect(await box(a).inputValue()).toBe('Bao: the march starts at 10. Or 11.');
  // After the reload Amina's page is based on the current revision: publishing works and ends the draft.
  await a.getByRole('button', { name: 'Publish' }).click();
  await a.waitForURL(/\/minutes\?v=1$/);
  await b.reload();
  expect(await status(b).getAttribute('data-status')).toBe('none');
  expect(await box(b).inputValue()).toBe('Bao: the march starts at 10. Or 11.'); // the published text
});
