/**
 * The attendee's phone on hall wifi: Chromium reaches the server through a TCP proxy whose link
 * resets, stalls or loses answers, the way a crowded access point does. Taps made while the link
 * is down are kept and sent when it is back, done exactly once; the page never becomes an error
 * page; a dead link is noticed within 15 s.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { startFlakyProxy, type FlakyProxy } from '../helpers/flaky-proxy.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';
import { readEntries } from '../../app/model/stack.js';

let h: Harness;
let proxy: FlakyProxy;
let asm: CreatedAssembly;
let plenary: Client;
let itemId: string;

beforeAll(async () => {
  h = await startHarness();
  proxy = await startFlakyProxy(h.server.url);
  asm = await createAssembly(h.server.url, 'Hall wifi assembly');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  itemId = addItem(plenary.doc, { title: 'Strike vote', kind: 'proposal', minutes: 30 });
  goToItem(plenary.doc, itemId, Date.now());
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await proxy?.close();
  await h?.close();
});

/** A phone that reaches the server only through the flaky link. */
async function phoneOnWifi(): Promise<Page> {
  const page = await (await h.person()).newPage();
  await page.goto(`${proxy.url}/join/${asm.attendeeToken}`);
  await waitLive(page);
  return page;
}

const status = (page: Page) => page.getByTestId('connection').first().getAttribute('data-status');

/** The page is still the attendee page, following the assembly (not an error page). */
async function stillTheAttendeePage(page: Page): Promise<void> {
  await page.getByTestId('current-item').getByText('Strike vote').waitFor();
  expect(await page.getByText('Something went wrong').count()).toBe(0);
  expect(await page.getByText(/^500$/).count()).toBe(0);
}

it('[N1][N2] a hand raised and a vote cast while the link is down are sent when it is back, each done once, and the page stays live', async () => {
  const facilitator = new Phone(h.server.url, asm.facilitatorToken);
  const [code] = await issueCodes(facilitator, asm.id, 1);
  const page = await phoneOnWifi();
  await page.locator('#voting-code').fill(code);
  await page.getByRole('button', { name: 'Use this code' }).click();
  await page.getByTestId('has-right').waitFor();

  // The access point drops everyone.
  proxy.setMode('reset');
  await eventually(async () => expect(await status(page)).not.toBe('connected'), { timeout: 15_000 });
  await page.getByLabel('Your name').fill('Hodan');
  await page.getByRole('button', { name: 'Raise my hand' }).click();
  const outbox = page.getByTestId('outbox');
  await outbox.getByText('will be sent when you are back online').waitFor();
  expect(await outbox.getAttribute('data-phase')).toBe('waiting');
  await stillTheAttendeePage(page);
  // It keeps trying (and is refused by the dead link) without losing the tap.
  const tries = proxy.accepted;
  await eventually(() => expect(proxy.accepted).toBeGreaterThan(tries + 1), { timeout: 10_000 });
  expect(readEntries(plenary.doc).filter((e) => e.name === 'Hodan')).toHaveLength(0);

  proxy.setMode('pass');
  await page.getByTestId('my-entry').waitFor({ timeout: 15_000 });
  await eventually(async () => expect(await outbox.getAttribute('data-phase')).toBe('idle'));
  await waitLive(page);
  expect(readEntries(plenary.doc).filter((e) => e.name === 'Hodan')).toHaveLength(1);

  // A vote opens; the link drops again as the phone votes.
  const proposalId = addProposal(plenary.doc, { itemId, text: 'We strike on Monday' }, Date.now());
  await eventually(async () => expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(200));
  await page.getByRole('button', { name: 'For' }).waitFor();
  proxy.setMode('reset');
  await page.getByRole('button', { name: 'For' }).click();
  await outbox.getByText('will be sent when you are back online').waitFor();
  await stillTheAttendeePage(page);
  expect(getProposal(plenary.doc, proposalId)?.vote.cast).toBe(0);

  proxy.setMode('pass');
  await page.getByTestId('voted').waitFor({ timeout: 15_000 });
  await eventually(() => expect(getProposal(plenary.doc, proposalId)?.vote.cast).toBe(1));
  await stillTheAttendeePage(page);
  // Nothing was refused on the way (a second send of either would have been).
  expect(await page.getByTestId('stack-error').count()).toBe(0);
  expect(await page.getByTestId('vote-error').count()).toBe(0);
}, 90_000);

it('[N1] a tap whose answer is lost on the way back is sent again and done once, with no "already" error', async () => {
  const page = await phoneOnWifi();
  // The server gets the hand; the phone never hears that it did.
  proxy.setMode('lose-replies');
  await page.getByLabel('Your name').fill('Mai');
  await page.getByRole('radio', { name: /Clarifying question/ }).check();
  await page.getByRole('button', { name: 'Raise my hand' }).click();
  await eventually(() => expect(readEntries(plenary.doc).filter((e) => e.name === 'Mai')).toHaveLength(1), { timeout: 10_000 });
  await page.getByTestId('outbox').getByText('will be sent when you are back online').waitFor();

  proxy.setMode('pass');
  await page.getByTestId('my-entry').getByText('Clarifying question').waitFor({ timeout: 15_000 });
  await eventually(async () => expect(await page.getByTestId('outbox').getAttribute('data-phase')).toBe('idle'));
  expect(readEntries(plenary.doc).filter((e) => e.name === 'Mai')).toHaveLength(1);
  // Without command ids the retry would be refused as a second open hand of the same kind.
  expect(await page.getByTestId('stack-error').count()).toBe(0);
  await stillTheAttendeePage(page);
}, 60_000);

it('[N4] a link that goes silent shows "reconnecting" within 15 s, and is live again soon after it returns', async () => {
  const page = await phoneOnWifi();
  proxy.setMode('stall');
  const stalledAt = Date.now();
  await eventually(async () => expect(await status(page)).not.toBe('connected'), { timeout: 16_000, interval: 100 });
  const noticedAfter = Date.now() - stalledAt;
  expect(noticedAfter).toBeLessThanOrEqual(15_000);

  proxy.setMode('pass');
  const backAt = Date.now();
  await eventually(async () => expect(await status(page)).toBe('connected'), { timeout: 10_000, interval: 50 });
  const liveAfter = Date.now() - backAt;
  // The retry spacing is 1.5 s at most ([N4]); the margin is for a loaded CI machine.
  expect(liveAfter).toBeLessThan(5_000);
  await stillTheAttendeePage(page);
}, 60_000);

it('[N2] a console form sent while the link is down says "no connection" (not a 500) and loads the page again by itself when it is back', async () => {
  const laptop = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await laptop.goto(`${proxy.url}/join/${asm.facilitatorToken}`);
  await waitLive(laptop);
  proxy.setMode('reset');
  await laptop.getByRole('button', { name: 'Make link', exact: true }).click();
  await laptop.getByTestId('offline-notice').waitFor();
  expect(await laptop.getByText(/^500$/).count()).toBe(0);
  proxy.setMode('pass');
  // It reloads itself: the console is back, live.
  await laptop.getByTestId('offline-notice').waitFor({ state: 'detached', timeout: 15_000 });
  await waitLive(laptop);
}, 60_000);

it('[PF25] a phone does not ask for its own state on its first connection (the page brought it), and does when it is back from a drop', async () => {
  const page = await (await h.person()).newPage();
  const asks: number[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === `/a/${asm.id}/command`) asks.push(Date.now());
  });
  await page.goto(`${proxy.url}/join/${asm.attendeeToken}`);
  await waitLive(page);
  await stillTheAttendeePage(page);

  proxy.setMode('reset');
  await eventually(async () => expect(await status(page)).not.toBe('connected'), { timeout: 15_000 });
  const dropped = Date.now();
  proxy.setMode('pass');
  await waitLive(page);
  await eventually(() => expect(asks.length).toBeGreaterThan(0), { timeout: 10_000 });
  // One ask, after the drop: none when the page first connected.
  expect(asks).toHaveLength(1);
  expect(asks[0]).toBeGreaterThanOrEqual(dropped);
}, 60_000);
