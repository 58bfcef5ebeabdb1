/**
 * A table's shared notes in Chromium: two note-takers typing at once, a third table that sees
 * none of it, and a note-taker whose wifi drops, who types, reloads offline and comes back.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { notesText, openNoteTaker } from './note-takers.js';
import { addItem } from '../../app/model/agenda.js';
import { planRound, startRound } from '../../app/model/breakouts.js';
import { goToItem } from '../../app/model/run.js';
import { fragmentToText, notesFragment } from '../../app/model/notes.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Breakout assembly');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  const item = addItem(plenary.doc, { title: 'Breakouts by workplace', kind: 'breakout', minutes: 30 });
  goToItem(plenary.doc, item, Date.now());
  planRound(plenary.doc, item, {
    prompts: ['What is your workplace ready to do?'],
    minutes: 20,
    assignment: 'count-off',
    tables: [{ label: '' }, { label: '' }, { label: '' }],
  });
  startRound(plenary.doc, item, Date.now());
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

const noteTaker = (table: string, name: string) => openNoteTaker(h, asm, table, name);

it('[BR4] two note-takers type at once and end with the same text, each seeing the other’s cursor; another table sees none of it', async () => {
  const a = await noteTaker('t2', 'Amina');
  const b = await noteTaker('t2', 'Bao');
  const c = await noteTaker('t3', 'Carmen');
  await a.page.getByTestId('notes-editor').click();
  await b.page.getByTestId('notes-editor').click();
  await Promise.all([a.page.keyboard.type('Nurses will walk out at 7. ', { delay: 15 }), b.page.keyboard.type('Drivers honk at noon. ', { delay: 15 })]);
  await eventually(async () => {
    const [ta, tb] = await Promise.all([notesText(a.page), notesText(b.page)]);
    expect(ta).toBe(tb);
    expect(ta).toContain('Nurses will walk out at 7.');
    expect(ta).toContain('Drivers honk at noon.');
  });
  // Each sees the other's named cursor.
  await a.page.locator('.plenary-caret-label', { hasText: 'Bao' }).waitFor();
  await b.page.locator('.plenary-caret-label', { hasText: 'Amina' }).waitFor();
  // Table 3 sees nothing of table 2.
  expect(await notesText(c.page)).not.toContain('Nurses');
  expect(await c.page.locator('.plenary-caret-label').count()).toBe(0);
  await eventually(async () => expect(await a.page.getByTestId('saved').getAttribute('data-saved')).toBe('server'));
});

it('[BR5] a note-taker offline keeps typing, reloads with no connection, comes back, and nothing is lost', async () => {
  const { context, page } = await noteTaker('t1', 'Dawit');
  await page.locator('main[data-offline-ready]').waitFor();
  await page.getByTestId('notes-editor').click();
  await page.keyboard.type('Before the drop. ');
  await eventually(async () => expect(await page.getByTestId('saved').getAttribute('data-saved')).toBe('server'));

  await context.setOffline(true);
  await page.keyboard.type('Typed offline. ');
  await eventually(async () => expect(await page.getByTestId('saved').getAttribute('data-saved')).toBe('phone'));
  // Reload with no connection: the page comes from the service worker, the words from IndexedDB.
  await page.reload();
  await page.getByTestId('notes-editor').getByText('Typed offline.', { exact: false }).waitFor();
  await page.getByTestId('notes-editor').click();
  await page.keyboard.press('End');
  await page.keyboard.type('After the reload.');
  await eventually(async () => expect(await page.getByTestId('saved').getAttribute('data-saved')).toBe('phone'));

  await context.setOffline(false);
  await waitLive(page);
  await eventually(async () => expect(await page.getByTestId('saved').getAttribute('data-saved')).toBe('server'), { timeout: 15_000 });
  // The server has every word: a fresh client reads them.
  const reader = connect(h.server.syncUrl, `${asm.id}/breakout/t1`, asm.facilitatorToken);
  await reader.synced;
  const text = fragmentToText(notesFragment(reader.doc));
  // The saved-state endpoint answers this table's writers only, and says what is wrong.
  expect((await context.request.get(`${h.server.url}/a/${asm.id}/saved?group=t3`)).status()).toBe(403);
  expect((await context.request.get(`${h.server.url}/a/${asm.id}/saved?group=../x`)).status()).toBe(400);
  for (const words of ['Before the drop.', 'Typed offline.', 'After the reload.']) expect(text).toContain(words);
  reader.destroy();
});
