/**
 * The template on an agenda that already has items ([G8], ADR 020): the press asks in the page,
 * as every other confirmation does, never with the browser's `window.confirm`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually } from '../helpers/clients.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem, readAgenda } from '../../app/model/agenda.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.close());

/** The console, and every native dialog (alert, confirm) it opens, dismissed. */
async function openConsole(asm: CreatedAssembly): Promise<{ page: Page; nativeDialogs: string[] }> {
  const page = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  const nativeDialogs: string[] = [];
  page.on('dialog', (d) => {
    nativeDialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  await page.goto(`${h.server.url}/a/${asm.id}/facilitate?saved`);
  await waitLive(page);
  return { page, nativeDialogs };
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describe('adding the template', () => {
  it('[G8] to a non-empty agenda asks in the page: Escape and Cancel leave the agenda as it was; Confirm adds the items', async () => {
    const asm = await createAssembly(h.server.url, 'Template twice');
    const plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
    await plenary.synced;
    addItem(plenary.doc, { title: 'Strike fund', kind: 'discussion', minutes: 20 });
    const { page, nativeDialogs } = await openConsole(asm);
    const add = page.getByRole('button', { name: 'Add the template items' });
    const dialog = page.getByRole('dialog', { name: 'Add all the template’s items after the ones already on the agenda?' });

    // From the keyboard: the question opens with focus on the safe choice; Escape gives focus back.
    await add.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await focused(page)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await add.evaluate((el) => el === document.activeElement)).toBe(true);

    await add.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(readAgenda(plenary.doc).map((i) => i.title)).toEqual(['Strike fund']);
    expect(await page.locator('[data-testid="agenda-editor"] > li').count()).toBe(1);

    await add.click();
    await dialog.getByRole('button', { name: 'Add the template items' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually(() => expect(readAgenda(plenary.doc)).toHaveLength(9));
    expect(readAgenda(plenary.doc)[0].title).toBe('Strike fund');
    expect(await page.locator('[data-testid="agenda-editor"] > li').count()).toBe(9);
    expect(await add.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(nativeDialogs).toEqual([]);
    plenary.destroy();
  });

  it('[G8] to an empty agenda adds the items on the first press, with no question', async () => {
    const asm = await createAssembly(h.server.url, 'Template once');
    const plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
    await plenary.synced;
    const { page, nativeDialogs } = await openConsole(asm);
    await page.getByRole('button', { name: 'Start from the assembly template' }).click();
    await eventually(() => expect(readAgenda(plenary.doc)).toHaveLength(8));
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(nativeDialogs).toEqual([]);
    plenary.destroy();
  });
});
