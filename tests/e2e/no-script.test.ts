/**
 * Pages without JavaScript tell the truth ([N5]): nothing on them is live, so they never say
 * "Connecting…" or "follows the assembly live"; the attendee page and the projector reload
 * themselves and say how often; the note-taker page says writing needs JavaScript and shows the
 * notes so far instead of "Loading the editor…" forever. With JavaScript none of that shows.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { planRound, readRound, startRound } from '../../app/model/breakouts.js';
import { firstText, plainText } from '../helpers/notes.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;
let table: string;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Quiet browsers');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  const item = addItem(plenary.doc, { title: 'Breakouts', kind: 'breakout', minutes: 30 });
  goToItem(plenary.doc, item, Date.now());
  planRound(plenary.doc, item, { prompts: ['What can your shop do?'], minutes: 20, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
  startRound(plenary.doc, item, Date.now());
  table = readRound(plenary.doc)!.tables[0].id;
  const notes = connect(h.server.syncUrl, `${asm.id}/breakout/${table}`, asm.facilitatorToken);
  await notes.synced;
  firstText(notes.doc).insert(0, 'Night shift can walk out at 6');
  // Stored on the server: a fresh client sees it.
  const check = connect(h.server.syncUrl, `${asm.id}/breakout/${table}`, asm.facilitatorToken);
  await eventually(() => expect(plainText(check.doc)).toBe('Night shift can walk out at 6'));
  check.destroy();
  notes.destroy();
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

it('[N5] the attendee page and the projector without JavaScript say they are not live, reload themselves, and claim nothing else', async () => {
  const context = await h.person({ javaScript: false });
  const page = await context.newPage();
  await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  const badge = page.getByTestId('connection');
  expect(await badge.textContent()).toBe('Not live — reloads every 30 seconds');
  expect(await page.getByText('Connecting…').count()).toBe(0);
  expect(await page.getByText('follows the assembly live').count()).toBe(0);
  await page.getByTestId('static-page').getByRole('link', { name: 'Reload now' }).waitFor();
  expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('30');

  await page.goto(`${h.server.url}/a/${asm.id}/screen`);
  expect(await page.getByTestId('connection').textContent()).toBe('Not live — reloads every 20 seconds');
  expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('20');
});

it('[N5] the note-taker page without JavaScript says writing needs it and shows the notes so far', async () => {
  const { token } = await mintLink(h.server.url, asm, { role: 'note-taker', scope: table, label: 'Table 1' });
  const page = await (await h.person({ javaScript: false })).newPage();
  await page.goto(`${h.server.url}/join/${token}`);
  await page.getByTestId('needs-script').waitFor();
  expect(await page.getByText('Loading the editor…').count()).toBe(0);
  expect(await page.getByTestId('notes-text').textContent()).toContain('Night shift can walk out at 6');
});

it('[N5] with JavaScript none of it shows: the badge is live, no reload', async () => {
  const page = await (await h.person()).newPage();
  await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await waitLive(page);
  expect(await page.getByTestId('static-page').count()).toBe(0);
  expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
  await page.getByText('This page follows the assembly live').waitFor();
});
