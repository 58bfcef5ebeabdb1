/**
 * Focus on the console after an action that replaces its own button ([N32]): Skip, Open vote,
 * Close vote and End round (through its confirm dialog) leave focus in the panel they were
 * pressed in, and "Make a draft" puts it on the draft it made — never on <body>. Keyboard only.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';
import { planRound, readRound, startRound } from '../../app/model/breakouts.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;
let itemId: string;
let roundItem: string;
let console_: Page;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Focus hall');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  itemId = addItem(plenary.doc, { title: 'Dues', kind: 'proposal', minutes: 30 });
  roundItem = addItem(plenary.doc, { title: 'Tables', kind: 'breakout', minutes: 20 });
  addItem(plenary.doc, { title: 'Social', kind: 'discussion', minutes: 10 });
  goToItem(plenary.doc, itemId, Date.now());
  console_ = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await console_.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  await waitLive(console_);
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

/** Where focus is: the id of the panel (section) holding it, or "body". */
const focusedPanel = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return !a || a === document.body ? 'body' : (a.closest('section[data-panel]')?.id ?? a.tagName);
  });

it('[N32] Skip by keyboard leaves focus in the agenda panel', async () => {
  const skip = console_.getByRole('button', { name: 'Skip “Social”' });
  await skip.focus();
  await console_.keyboard.press('Enter');
  await skip.waitFor({ state: 'detached' });
  await eventually(async () => expect(await focusedPanel(console_)).toBe('agenda'));
});

it('[N32] Open vote and Close vote by keyboard leave focus in the proposals panel', async () => {
  const proposalId = addProposal(plenary.doc, { itemId, text: 'Dues go up by a dollar', method: 'phone' }, Date.now());
  const open = console_.getByRole('button', { name: 'Open the phone vote' });
  await open.focus();
  await console_.keyboard.press('Enter');
  const close = console_.getByRole('button', { name: 'Close the vote and show the result' });
  await close.waitFor();
  expect(getProposal(plenary.doc, proposalId)?.vote.open).toBe(true);
  await eventually(async () => expect(await focusedPanel(console_)).toBe('proposals'));

  await close.focus();
  await console_.keyboard.press('Enter');
  await close.waitFor({ state: 'detached' });
  await eventually(() => expect(getProposal(plenary.doc, proposalId)?.vote.closed).toBe(true));
  await eventually(async () => expect(await focusedPanel(console_)).toBe('proposals'));
});

it('[N32] End round through its confirm dialog, by keyboard, leaves focus in the breakouts panel', async () => {
  planRound(plenary.doc, roundItem, { prompts: ['What next?'], minutes: 10, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
  goToItem(plenary.doc, roundItem, Date.now());
  startRound(plenary.doc, roundItem, Date.now());
  const end = console_.getByRole('button', { name: 'End the round and take report-backs' });
  await end.focus();
  await console_.keyboard.press('Enter');
  const dialog = console_.locator('dialog[open]');
  await dialog.waitFor();
  // Focus starts on Cancel; Shift+Tab reaches the confirm button.
  await console_.keyboard.press('Shift+Tab');
  await console_.keyboard.press('Enter');
  await eventually(() => expect(readRound(plenary.doc, roundItem)?.status).toBe('ended'));
  await end.waitFor({ state: 'detached' });
  await eventually(async () => expect(await focusedPanel(console_)).toBe('breakouts'));
});

it('[N32] Make a draft by keyboard puts focus on the draft it made', async () => {
  const page = await console_.context().newPage();
  await page.goto(`${h.server.url}/a/${asm.id}/minutes/edit`);
  await page.getByRole('button', { name: 'Make a draft from the assembly' }).focus();
  await page.keyboard.press('Enter');
  await eventually(async () => expect(await page.getByLabel('Minutes (Markdown)').inputValue()).toContain('Focus hall'));
  await eventually(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe('minutes-text'));
});
