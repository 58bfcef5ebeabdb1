/**
 * In Chromium: a console, a projector and a phone open on a document full of hostile shapes
 * (20,000 nested quotes in a table's report-back, non-map items and entries, a 20,000,000-table
 * round, impossible dates), and more arrive while they are open. Nothing blanks: no uncaught
 * error in any page, and each still shows what is sound ([R4][R5][R6]).
 *
 * The sync server refuses such writes from any socket ([F1]–[F6]), so the hostile shapes go
 * straight into the store while the server is down: what got in before writes were checked (old
 * data, a bug). "More arrives while open" is a restart with more of it stored: the open pages
 * reconnect and are sent it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, itemsMap } from '../../app/model/agenda.js';
import { planRound, roundsMap, startRound } from '../../app/model/breakouts.js';
import { metaMap } from '../../app/model/meta.js';
import { REPORT_FIELD, NOTES_FIELD, appendParagraph } from '../../app/model/notes.js';
import { proposalsMap } from '../../app/model/proposals.js';
import { goToItem, setAnnouncement } from '../../app/model/run.js';
import { entriesMap } from '../../app/model/stack.js';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { pushNested, writeStored } from '../helpers/hostile.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';

let h: Harness;
let asm: CreatedAssembly;
let item: string;
let later: string;
const clients: Client[] = [];

/** A facilitator's stock client on `docName`, synced. */
async function open(docName: string): Promise<Client> {
  const c = connect(h.server.syncUrl, docName, asm.facilitatorToken);
  clients.push(c);
  await c.synced;
  return c;
}

/** Waits until a second client has everything `writer` wrote (the server stores before it shows, [S6]). */
async function stored(writer: Client): Promise<void> {
  const reader = await open(writer.provider.roomname);
  await eventually(() => expect(Buffer.from(Y.encodeStateVector(reader.doc))).toEqual(Buffer.from(Y.encodeStateVector(writer.doc))), { timeout: 10_000 });
}

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Hostile assembly');
  // A sound room, made the way the UI makes it.
  const plenary = await open(`${asm.id}/plenary`);
  item = addItem(plenary.doc, { title: 'Breakouts', kind: 'breakout', minutes: 30 });
  later = addItem(plenary.doc, { title: 'Later item', kind: 'discussion', minutes: 10 });
  goToItem(plenary.doc, item, Date.now());
  planRound(plenary.doc, item, { prompts: ['What now?'], minutes: 15, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
  startRound(plenary.doc, item, Date.now());
  planRound(plenary.doc, later, { prompts: ['x'], minutes: 5, assignment: 'count-off', tables: [{ label: '' }] });
  await stored(plenary);
  const table = await open(`${asm.id}/breakout/${item}-t1`);
  appendParagraph(table.doc, NOTES_FIELD, 'Sound notes.');
  await stored(table);
  for (const c of clients.splice(0)) c.destroy();

  await h.restart(async () => {
    // What a note-taker once did to blank the console.
    await writeStored(h.dataDir, `${asm.id}/breakout/${item}-t1`, (doc) => pushNested(doc.getXmlFragment(REPORT_FIELD), 20_000));
    await writeStored(h.dataDir, `${asm.id}/plenary`, (doc) => {
      itemsMap(doc).set('x', 5);
      itemsMap(doc).set('y', Y.Array.from([1]));
      entriesMap(doc).set('e', 'not an entry');
      proposalsMap(doc).set('p', 42);
      (roundsMap(doc).get(later) as Y.Map<unknown>).set('tableCount', 20_000_000);
      metaMap(doc).set('startsAt', 'next Tuesday');
    });
  });
}, 120_000);

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
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
  await eventually(async () => expect(await console_.page.getByTestId(`tile-${item}-t1`).getByTestId('tile-report').textContent()).toContain('deep point'), {
    timeout: 15_000,
  });
  expect(await projector.page.getByTestId('current-item').textContent()).toContain('Breakouts');
  expect(await phone.page.getByTestId('current-item').textContent()).toContain('Breakouts');

  const written = () => console_.page.getByTestId(`tile-${item}-t1`).getByTestId('tile-written').textContent();
  const writtenBefore = await written();

  // More arrives while they are open: stored while the server is down; the pages reconnect, are
  // sent it, and re-render from it without an error.
  await h.restart(async () => {
    await writeStored(h.dataDir, `${asm.id}/plenary`, (doc) => {
      itemsMap(doc).set('z', 'a string item');
      (itemsMap(doc).get(item) as Y.Map<unknown>).set('minutes', NaN);
      (roundsMap(doc).get(item) as Y.Map<unknown>).set('labels', 'not a list');
      (roundsMap(doc).get(item) as Y.Map<unknown>).set('members', 7);
      doc.getMap('timers').set('item', { startedAt: 'soon' });
      doc.getMap('run').set('announcement', { text: 'object' });
      doc.getMap('meta').set('title', new Y.Text('a Y.Text title'));
    });
    await writeStored(h.dataDir, `${asm.id}/breakout/${item}-t1`, (doc) => pushNested(doc.getXmlFragment(NOTES_FIELD), 5_000, ['bulletList', 'listItem']));
  });
  for (const p of [console_, projector, phone]) await waitLive(p.page);
  // Then a sound live write: the pages still follow the room.
  const plenary = await open(`${asm.id}/plenary`);
  setAnnouncement(plenary.doc, 'Still here');
  for (const p of [projector, phone]) {
    await eventually(async () => expect(await p.page.getByTestId('announcement').textContent()).toContain('Still here'), { timeout: 10_000 });
  }
  // The console's tile counts the notes read from 5,000 nested lists too.
  await eventually(async () => expect(await written()).not.toBe(writtenBefore), { timeout: 15_000 });
  expect(await console_.page.getByTestId('breakout-panel').isVisible()).toBe(true);
  expect({ console: console_.errors, projector: projector.errors, phone: phone.errors }).toEqual({ console: [], projector: [], phone: [] });
});
