/**
 * In Chromium: a console, a projector and a phone open on a document full of hostile shapes
 * (20,000 nested quotes in a table's report-back, non-map items and entries, a 20,000,000-table
 * round, impossible dates), and more arrive while they are open. Nothing blanks: no uncaught
 * error in any page, and each still shows what is sound ([R4][R5][R6]).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, itemsMap } from '../../app/model/agenda.js';
import { planRound, roundsMap, startRound } from '../../app/model/breakouts.js';
import { metaMap } from '../../app/model/meta.js';
import { REPORT_FIELD, NOTES_FIELD, appendParagraph } from '../../app/model/notes.js';
import { proposalsMap } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';
import { entriesMap } from '../../app/model/stack.js';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { pushNested } from '../helpers/hostile.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;
let table: Client;
let item: string;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Hostile assembly');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  item = addItem(plenary.doc, { title: 'Breakouts', kind: 'breakout', minutes: 30 });
  const later = addItem(plenary.doc, { title: 'Later item', kind: 'discussion', minutes: 10 });
  goToItem(plenary.doc, item, Date.now());
  planRound(plenary.doc, item, { prompts: ['What now?'], minutes: 15, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
  startRound(plenary.doc, item, Date.now());
  planRound(plenary.doc, later, { prompts: ['x'], minutes: 5, assignment: 'count-off', tables: [{ label: '' }] });
  table = connect(h.server.syncUrl, `${asm.id}/breakout/${item}-t1`, asm.facilitatorToken);
  await table.synced;
  appendParagraph(table.doc, NOTES_FIELD, 'Sound notes.');
  // What a note-taker once did to blank the console.
  pushNested(table.doc.getXmlFragment(REPORT_FIELD), 20_000);
  plenary.doc.transact(() => {
    itemsMap(plenary.doc).set('x', 5);
    itemsMap(plenary.doc).set('y', Y.Array.from([1]));
    entriesMap(plenary.doc).set('e', 'not an entry');
    proposalsMap(plenary.doc).set('p', 42);
    (roundsMap(plenary.doc).get(later) as Y.Map<unknown>).set('tableCount', 20_000_000);
    metaMap(plenary.doc).set('startsAt', 'next Tuesday');
  });
  const reader = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await eventually(() => expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(plenary.doc)), { timeout: 10_000 });
  reader.destroy();
}, 120_000);

afterAll(async () => {
  plenary?.destroy();
  table?.destroy();
  await h?.close();
});

/** A page that collects its uncaught errors. */
async function openAs(token: string, path: string, viewport = { width: 1366, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await (await h.person({ viewport })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${h.server.url}/join/${token}`);
  const res = await page.goto(`${h.server.url}${path}`);
  expect(res?.status(), path).toBe(200);
  await waitLive(page);
  return { page, errors };
}

it('[R4][R5][R6] the console, projector and phone render hostile shapes, and keep rendering as more arrive', async () => {
  const console_ = await openAs(asm.facilitatorToken, `/a/${asm.id}/facilitate`);
  const projector = await openAs(asm.attendeeToken, `/a/${asm.id}/screen`, { width: 1920, height: 1080 });
  const phone = await openAs(asm.attendeeToken, `/a/${asm.id}`, { width: 390, height: 844 });

  // The console shows the round's tables, the report-back read from 20,000 nested quotes included.
  await eventually(async () => expect(await console_.page.getByTestId(`tile-${item}-t1`).getByTestId('tile-report').textContent()).toContain('deep point'), { timeout: 15_000 });
  expect(await projector.page.getByTestId('current-item').textContent()).toContain('Breakouts');
  expect(await phone.page.getByTestId('current-item').textContent()).toContain('Breakouts');

  // More arrives while they are open: the pages re-render from it without an error.
  plenary.doc.transact(() => {
    itemsMap(plenary.doc).set('z', 'a string item');
    (itemsMap(plenary.doc).get(item) as Y.Map<unknown>).set('minutes', NaN);
    (roundsMap(plenary.doc).get(item) as Y.Map<unknown>).set('labels', 'not a list');
    (roundsMap(plenary.doc).get(item) as Y.Map<unknown>).set('members', 7);
    plenary.doc.getMap('timers').set('item', { startedAt: 'soon' });
    plenary.doc.getMap('run').set('announcement', { text: 'object' });
    plenary.doc.getMap('meta').set('title', new Y.Text('a Y.Text title'));
  });
  pushNested(table.doc.getXmlFragment(NOTES_FIELD), 5_000, ['bulletList', 'listItem']);
  plenary.doc.getMap('run').set('announcement', 'Still here');
  for (const p of [console_, projector, phone]) {
    if (p !== console_) await eventually(async () => expect(await p.page.getByTestId('announcement').textContent()).toContain('Still here'), { timeout: 10_000 });
  }
  await eventually(async () => expect(await console_.page.getByTestId(`tile-${item}-t1`).getByTestId('tile-written').textContent()).toBeTruthy(), { timeout: 10_000 });
  expect(await console_.page.getByTestId('breakout-panel').isVisible()).toBe(true);
  expect({ console: console_.errors, projector: projector.errors, phone: phone.errors }).toEqual({ console: [], projector: [], phone: [] });
});
