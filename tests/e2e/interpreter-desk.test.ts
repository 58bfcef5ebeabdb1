/**
 * The interpreter's desk in Chromium ([L20]–[L25]): a Somali interpreter translates what the
 * facilitator typed; a second Somali interpreter on a phone sees it live and cannot overwrite it
 * unknowingly; an edit of the original marks the translation out of date on the desk; a save
 * without JavaScript works and keeps the text on a refusal; the desk is axe-clean on a phone and
 * a laptop. Screenshots go to /work/shots/i14/ when that folder exists (looked at by a person).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { expectAxeClean, gotoWithoutScripts } from './axe.js';
import { addItem, editItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { setAnnouncement } from '../../app/model/run.js';
import { itemTitleKey, readTranslations, ANNOUNCEMENT_KEY } from '../../app/model/translations.js';

const SHOTS = '/work/shots/i14';
let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;
let itemId: string;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Hall of many languages');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  itemId = addItem(plenary.doc, { title: 'Strike fund report', kind: 'report', minutes: 15, description: 'How much is in the fund and who it helped.' });
  goToItem(plenary.doc, itemId, Date.now());
  setAnnouncement(plenary.doc, 'Lunch is at 1 in the back room');
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

async function shot(page: Page, name: string) {
  if (fs.existsSync(SHOTS)) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function desk(language: string, viewport = { width: 1366, height: 768 }, javaScript = true): Promise<Page> {
  const link = await mintLink(h.server.url, asm, { role: 'interpreter', scope: language });
  const page = await (await h.person({ viewport, javaScript })).newPage();
  await page.goto(`${h.server.url}/join/${link.token}`);
  if (javaScript) await waitLive(page);
  return page;
}

const card = (page: Page, key: string) => page.locator(`[data-testid="translation-card"][data-key="${key}"]`);

async function savedTranslations(language: string) {
  const reader = connect(h.server.syncUrl, `${asm.id}/translations/${language}`, asm.attendeeToken);
  await reader.synced;
  const all = readTranslations(reader.doc);
  reader.destroy();
  return all;
}

it('[P30] a facilitator makes an interpreter link on the console, by the language’s own name; it opens the desk', async () => {
  const page = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  await waitLive(page);
  await page.getByLabel('Role').selectOption('interpreter');
  // Without a language it is refused, saying why.
  await page.getByRole('button', { name: 'Make link' }).click();
  await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('An interpreter link is for one language');
  await page.getByLabel('Role').selectOption('interpreter');
  await page.getByLabel('Language (interpreter links)').selectOption({ label: 'Soomaali' });
  await page.getByRole('button', { name: 'Make link' }).click();
  const minted = page.getByTestId('minted-link');
  await expect.poll(() => minted.textContent()).toContain('Interpreter · Soomaali');
  expect(await minted.locator('[lang="so"]').textContent()).toBe('Soomaali');
  const url = await minted.getByRole('textbox').inputValue();
  const desk = await (await h.person({ viewport: { width: 390, height: 844 } })).newPage();
  await desk.goto(url);
  expect(new URL(desk.url()).pathname).toBe(`/a/${asm.id}/interpret`);
  await page.context().close();
  await desk.context().close();
});

it('[L20][L21] a Somali interpreter translates the item and the announcement; the other interpreter sees it live', async () => {
  const laptop = await desk('so');
  const phone = await desk('so', { width: 390, height: 844 });
  expect(await laptop.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
  await expect.poll(() => laptop.getByTestId('translation-counts').textContent()).toContain('To translate: 3');
  await shot(laptop, 'desk-laptop-empty');

  const title = card(laptop, itemTitleKey(itemId));
  await title.getByLabel('In Soomaali').fill('Warbixinta sanduuqa shaqo joojinta');
  await expect.poll(() => title.getByRole('status').textContent()).toContain('Not saved yet');
  await title.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => title.getAttribute('data-state')).toBe('current');
  await expect.poll(() => title.getByRole('status').textContent()).toContain('Saved');

  const note = card(laptop, ANNOUNCEMENT_KEY);
  await note.getByLabel('In Soomaali').fill('Qadadu waa 1da qolka dambe');
  await note.getByLabel('In Soomaali').press('Tab');
  await note.getByRole('button', { name: 'Save' }).press('Enter');
  await expect.poll(() => note.getAttribute('data-state')).toBe('current');

  // The phone desk shows both live, in the textarea marked as Somali.
  const onPhone = card(phone, itemTitleKey(itemId)).getByLabel('In Soomaali');
  await expect.poll(() => onPhone.inputValue()).toBe('Warbixinta sanduuqa shaqo joojinta');
  expect(await onPhone.getAttribute('lang')).toBe('so');
  await expect.poll(() => phone.getByTestId('translation-counts').textContent()).toContain('Done: 2');
  await expectAxeClean(phone, 'interpreter desk on a phone');
  await expectAxeClean(laptop, 'interpreter desk on a laptop');
  await shot(phone, 'desk-phone');
  await shot(laptop, 'desk-laptop');

  const stored = await savedTranslations('so');
  expect(stored.get(itemTitleKey(itemId))?.text).toBe('Warbixinta sanduuqa shaqo joojinta');
  await laptop.context().close();
  await phone.context().close();
});

it('[L21] an edit of the original marks the translation out of date, with the original it was made from one tap away', async () => {
  const page = await desk('so');
  const title = card(page, itemTitleKey(itemId));
  await expect.poll(() => title.getAttribute('data-state')).toBe('current');
  editItem(plenary.doc, itemId, { title: 'Strike fund report (updated)' });
  await expect.poll(() => title.getAttribute('data-state')).toBe('stale');
  expect(await title.getByTestId('translation-state').textContent()).toContain('Out of date');
  await title.getByText('The original your translation was made from').click();
  await expect.poll(() => title.getByText('Strike fund report', { exact: true }).isVisible()).toBe(true);
  await shot(page, 'desk-stale');
  // Redone: the interpreter fixes the text and saves; it is current again.
  await title.getByLabel('In Soomaali').fill('Warbixinta sanduuqa shaqo joojinta (la cusboonaysiiyay)');
  await title.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => title.getAttribute('data-state')).toBe('current');
  await page.context().close();
});

it('[L23] two interpreters on one text: the later save shows the earlier one and asks', async () => {
  const a = await desk('so');
  const b = await desk('so');
  const key = `item:${itemId}:description`;
  await card(b, key).getByLabel('In Soomaali').fill('Inta lacag ah ee sanduuqa ku jirta');
  await card(a, key).getByLabel('In Soomaali').fill('Imisa ayaa sanduuqa ku jira iyo cidda uu caawiyay');
  await card(a, key).getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => card(a, key).getAttribute('data-state')).toBe('current');
  // B was typing: its text is kept, not replaced by A's live save.
  expect(await card(b, key).getByLabel('In Soomaali').inputValue()).toBe('Inta lacag ah ee sanduuqa ku jirta');
  await card(b, key).getByRole('button', { name: 'Save' }).click();
  const conflict = card(b, key).getByTestId('translation-conflict');
  await expect.poll(() => conflict.textContent()).toContain('Imisa ayaa sanduuqa ku jira');
  await shot(b, 'desk-conflict');
  await card(b, key).getByRole('button', { name: 'Save mine instead' }).click();
  await expect.poll(async () => (await savedTranslations('so')).get(key)?.text).toBe('Inta lacag ah ee sanduuqa ku jirta');
  await expect.poll(() => card(a, key).getByLabel('In Soomaali').inputValue()).toBe('Inta lacag ah ee sanduuqa ku jirta');
  await a.context().close();
  await b.context().close();
});

it('[L24] without JavaScript a save is a plain form post; a refused one keeps the text', async () => {
  const link = await mintLink(h.server.url, asm, { role: 'interpreter', scope: 'ar' });
  const page = await (await h.person({ javaScript: false, viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(`${h.server.url}/join/${link.token}`);
  await gotoWithoutScripts(page, `${h.server.url}/a/${asm.id}/interpret`);
  const note = card(page, ANNOUNCEMENT_KEY);
  await note.getByLabel('In العربية').fill('الغداء في الساعة الواحدة');
  // Meanwhile the facilitator changes the announcement: the save is refused, the text kept.
  setAnnouncement(plenary.doc, 'Lunch moved to 2');
  await eventually(async () => {
    const stored = await fetch(`${h.server.url}/a/${asm.id}/interpret`, {
      headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(await stored.text()).toContain('Lunch moved to 2');
  });
  await note.getByRole('button', { name: 'Save' }).click();
  await page.waitForLoadState('domcontentloaded');
  const after = card(page, ANNOUNCEMENT_KEY);
  expect(await after.getByRole('status').textContent()).toContain('The original changed');
  expect(await after.getByLabel('In العربية').inputValue()).toBe('الغداء في الساعة الواحدة');
  expect(await after.getByLabel('In العربية').getAttribute('dir')).toBe('rtl');
  // Saved again, now from the new original (the page shows it): it is kept.
  await after.getByLabel('In العربية').fill('الغداء في الساعة الثانية');
  await after.getByRole('button', { name: 'Save' }).click();
  await page.waitForLoadState('domcontentloaded');
  expect((await savedTranslations('ar')).get(ANNOUNCEMENT_KEY)).toMatchObject({ text: 'الغداء في الساعة الثانية', source: 'Lunch moved to 2' });
  await page.context().close();
});
