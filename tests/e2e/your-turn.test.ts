/**
 * "Your turn", for everyone ([N6], [N7]): the called phone shows it full-width and buzzes, "You're
 * next" comes before it, and a screen reader hears the place (once it settles), the call, the
 * item running over, a vote opening and closing. The minutes, once published, are a link away.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { Phone } from '../helpers/phone.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { addProposal, setOutcome } from '../../app/model/proposals.js';
import { nextSpeaker, raiseHand } from '../../app/model/stack.js';
import { resetTimer, startTimer } from '../../app/model/timers.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;
let itemId: string;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Turns');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  itemId = addItem(plenary.doc, { title: 'Open floor', kind: 'discussion', minutes: 30 });
  goToItem(plenary.doc, itemId, Date.now());
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

const polite = (page: Page) => page.getByTestId('announce-polite');
const assertive = (page: Page) => page.getByTestId('announce-assertive');

it('[N6][N7] the called phone is told "your turn" (banner, buzz, screen reader), "you\'re next" before it, and its place once it settles', async () => {
  const context = await h.person();
  // The phone's buzzer is the device's: record what the page asks of it.
  await context.addInitScript(() => {
    (window as unknown as { buzzes: unknown[] }).buzzes = [];
    (navigator as unknown as { vibrate: (p: unknown) => boolean }).vibrate = (pattern) => {
      (window as unknown as { buzzes: unknown[] }).buzzes.push(pattern);
      return true;
    };
  });
  const page = await context.newPage();
  await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await waitLive(page);
  raiseHand(plenary.doc, { name: 'Ana', kind: 'speak' }, Date.now());
  raiseHand(plenary.doc, { name: 'Bashir', kind: 'speak' }, Date.now());
  await page.getByLabel('Your name').fill('Hodan');
  await page.getByRole('button', { name: 'Raise my hand' }).click();
  await page.getByTestId('my-entry').getByText('You are number 3').waitFor();
  // Said once it holds, not at every move.
  await eventually(async () => expect(await polite(page).textContent()).toBe('You are number 3 on the stack.'), { timeout: 8000 });

  nextSpeaker(plenary.doc, Date.now()); // Ana speaks; Hodan is 2nd
  nextSpeaker(plenary.doc, Date.now()); // Bashir speaks; Hodan is next
  await page.getByTestId('you-are-next').waitFor();
  await eventually(async () => expect(await polite(page).textContent()).toBe('You’re next'), { timeout: 8000 });
  expect(await page.getByTestId('your-turn').count()).toBe(0);

  nextSpeaker(plenary.doc, Date.now()); // Hodan is called
  const banner = page.getByTestId('your-turn');
  await banner.getByRole('heading', { name: 'It’s your turn to speak' }).waitFor();
  await eventually(async () => expect(await assertive(page).textContent()).toBe('It’s your turn to speak'));
  expect(await page.evaluate(() => (window as unknown as { buzzes: unknown[] }).buzzes)).toEqual([[250, 120, 250]]);
  // It spans the screen and is in view wherever the person had scrolled to, until dismissed.
  await page.getByRole('button', { name: 'Raise my hand' }).scrollIntoViewIfNeeded();
  const box = await banner.boundingBox();
  expect(box!.width).toBe(390);
  expect(box!.y).toBe(0);
  await banner.getByRole('button', { name: 'OK, I’m going' }).click();
  await banner.waitFor({ state: 'detached' });
  expect(await page.evaluate(() => (window as unknown as { buzzes: unknown[] }).buzzes)).toHaveLength(1);
}, 60_000);

it('[N7][N14] a screen reader hears the item run over, a vote open and the vote close with its outcome; the minutes are linked once published', async () => {
  const page = await (await h.person()).newPage();
  await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await waitLive(page);
  expect(await page.getByTestId('minutes-link').count()).toBe(0);

  plenary.doc.transact(() => {
    resetTimer(plenary.doc, 'item', 2000);
    startTimer(plenary.doc, 'item', Date.now() - 5000);
  });
  await eventually(async () => expect(await polite(page).textContent()).toBe('This item is over its planned time.'), { timeout: 5000 });

  const facilitator = new Phone(h.server.url, asm.facilitatorToken);
  const proposalId = addProposal(plenary.doc, { itemId, text: 'We strike on Monday' }, Date.now());
  await eventually(async () => expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(200));
  await eventually(async () => expect(await assertive(page).textContent()).toBe('A vote is open: We strike on Monday'));
  // [N14] What the room is on and the vote are headings a screen reader can jump to.
  await page.getByRole('heading', { level: 2, name: 'Now Open floor' }).waitFor();
  await page.getByRole('heading', { level: 2, name: /^Proposal/ }).waitFor();
  expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId })).toBe(200);
  setOutcome(plenary.doc, proposalId, 'carried', Date.now());
  await eventually(async () => expect(await polite(page).textContent()).toBe('The vote has closed: Carried.'));

  expect(await facilitator.send(`/a/${asm.id}/minutes/edit`, { intent: 'publish', markdown: '# Minutes\n\nWe strike on Monday.' })).toBe(303);
  await page.reload();
  await page.getByTestId('minutes-link').click();
  await page.waitForURL(new RegExp(`/a/${asm.id}/minutes`));
  await page.getByText('We strike on Monday.').waitFor();
}, 60_000);
