/**
 * What the room sees (issue 12, "What the facilitator missed"): the round's own countdown and its
 * questions large on the projector [BR11]; interpretation channels by their own names on the
 * projector and the phone's Now card [P6]; the speaker's timer on phones [K13]; and one person
 * moved to another table, seen live on their phone and the console's tiles [BR10].
 * Screenshots go to /work/shots/screens/ when that folder exists (looked at by a person).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { nextSpeaker, raiseHand } from '../../app/model/stack.js';
import { resetTimer, startTimer } from '../../app/model/timers.js';
import { planRound, startRound } from '../../app/model/breakouts.js';

const SHOTS = '/work/shots/screens';
const shot = async (page: Page, name: string) => {
  if (fs.existsSync(SHOTS)) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};
const seconds = (text: string) => {
  const m = /^\+?(\d+):(\d\d)$/.exec(text.trim());
  if (!m) throw new Error(`not a time: ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
};
/** Nothing runs off the side (320 px phones, 200% text) or, for the projector, off the bottom. */
const overflow = (page: Page) =>
  page.evaluate(() => ({ x: document.documentElement.scrollWidth - innerWidth, y: document.documentElement.scrollHeight - innerHeight }));

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'May Day planning assembly');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

async function projectorPage(): Promise<Page> {
  const page = await (await h.person({ viewport: { width: 1280, height: 720 } })).newPage();
  await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await page.goto(`${h.server.url}/a/${asm.id}/screen`);
  await waitLive(page);
  return page;
}
async function phonePage(viewport = { width: 390, height: 844 }): Promise<Page> {
  const page = await (await h.person({ viewport })).newPage();
  await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await waitLive(page);
  return page;
}

it('[P6][K13] a speaker’s turn: channels by their own names on the wall and the phone, and the phone counts the speaker’s time with the projector', async () => {
  const projector = await projectorPage();
  const phone = await phonePage();
  const item = addItem(plenary.doc, {
    title: 'Report from the strike committee (Local 26)',
    kind: 'report',
    minutes: 15,
    interpretation: 'Spanish ch. 2, Somali ch. 3, Oromo 91.5 MHz',
  });
  goToItem(plenary.doc, item, Date.now());
  raiseHand(plenary.doc, { name: 'Dalia', kind: 'speak' }, Date.now());
  raiseHand(plenary.doc, { name: 'Chao', kind: 'speak' }, Date.now());
  nextSpeaker(plenary.doc, Date.now());
  resetTimer(plenary.doc, 'speaker', 2 * 60_000);
  startTimer(plenary.doc, 'speaker', Date.now());

  for (const page of [projector, phone]) {
    const channels = page.getByTestId('interpretation').getByTestId('interpretation-channel');
    await eventually(async () => expect(await channels.allTextContents()).toEqual(['Español · ch. 2', 'Soomaali · ch. 3', 'Oromoo · 91.5 MHz']));
    expect(await channels.first().locator('[lang="es"]').textContent()).toBe('Español');
  }
  // The phone's speaker timer: a timer (not a live region ticking), on the projector's clock.
  const timer = phone.getByRole('timer', { name: 'Speaker’s time' });
  await timer.waitFor();
  expect(await timer.getAttribute('aria-live')).toBeNull();
  await eventually(async () => {
    const [a, b] = await Promise.all([
      timer.getByTestId('timer-value').textContent(),
      projector.getByTestId('speaker-timer').getByTestId('timer-value').textContent(),
    ]);
    expect(seconds(a!)).toBeLessThan(120);
    expect(Math.abs(seconds(a!) - seconds(b!))).toBeLessThanOrEqual(1);
  });
  expect(await phone.getByTestId('speaker-announcement').textContent()).toBe('');
  await shot(projector, 'projector-speaker-channels-1280x720');
  const spanish = await (await h.person({ locale: 'es-ES' })).newPage();
  await spanish.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await spanish.getByRole('timer', { name: 'Tiempo de quien habla' }).waitFor();
  await shot(spanish, 'phone-es-390x844');
  await shot(phone, 'phone-speaker-channels-390x844');
  await phone.screenshot({ path: `${SHOTS}/phone-speaker-channels-390x844-full.png`, fullPage: true }).catch(() => {});
  expect((await overflow(projector)).y).toBeLessThanOrEqual(0);

  // Time runs out: said once, politely.
  resetTimer(plenary.doc, 'speaker', 1_500);
  startTimer(plenary.doc, 'speaker', Date.now());
  await phone.getByTestId('speaker-announcement').getByText('The speaker’s time is up.').waitFor();
  await timer.getByText('Over time').waitFor();

  // A 320 px phone: nothing runs off the side. Text at 200% on a 390 px phone: the timer and the
  // channels fit inside the Now card (their narrowest layout is narrower than the card's inside).
  await phone.setViewportSize({ width: 320, height: 700 });
  expect((await overflow(phone)).x).toBeLessThanOrEqual(0);
  await shot(phone, 'phone-320');
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  const narrowest = await phone.evaluate(() =>
    ['interpretation', 'phone-speaker-timer'].map((id) => {
      const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
      el.style.width = 'min-content';
      const w = el.getBoundingClientRect().width;
      el.style.width = '';
      return w;
    }),
  );
  for (const w of narrowest) expect(w).toBeLessThanOrEqual(390 - 2 * 32 - 2 * 34);
  await shot(phone, 'phone-390-200pct');
});

it('[BR11] during a round the projector shows one countdown (the round’s) and questions large enough to read from the back', async () => {
  const projector = await projectorPage();
  const item = addItem(plenary.doc, { title: 'Breakouts by language', kind: 'breakout', minutes: 30 });
  goToItem(plenary.doc, item, Date.now());
  resetTimer(plenary.doc, 'item', 30 * 60_000);
  startTimer(plenary.doc, 'item', Date.now());
  planRound(plenary.doc, item, {
    prompts: [
      'What is your workplace ready to do on May Day?',
      'What do you need from the other workplaces, the unions and the neighbourhood committees to get there, and who will ask them before the next assembly?',
      'Who else should be in this room next time?',
    ],
    minutes: 12,
    assignment: 'language',
    tables: [{ label: 'Español' }, { label: 'Soomaali' }, { label: 'English' }, { label: 'Hmoob' }],
  });
  startRound(plenary.doc, item, Date.now());
  await projector.getByTestId('screen-round').waitFor();
  await projector.getByTestId('round-countdown').waitFor();
  // One countdown: the round's 12 minutes, not the item's 30.
  expect(await projector.getByTestId('item-timer').count()).toBe(0);
  expect(await projector.getByTestId('speaker-timer').count()).toBe(0);
  expect(await projector.getByTestId('round-left').count()).toBe(1);
  await eventually(async () => {
    const left = seconds((await projector.getByTestId('round-left').textContent())!);
    expect(left).toBeLessThanOrEqual(12 * 60);
    expect(left).toBeGreaterThan(11 * 60);
  });
  // Questions at 2.5rem or more at 1280 wide, every one on the wall, nothing below the fold.
  const prompts = projector.getByTestId('screen-prompts').locator('li');
  expect(await prompts.count()).toBe(3);
  const sizes = await prompts.evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
  for (const px of sizes) expect(px).toBeGreaterThanOrEqual(40);
  await shot(projector, 'projector-breakout-1280x720');
  // And on a 1920×1080 projector.
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await shot(projector, 'projector-breakout-1920x1080');
  expect((await overflow(projector)).y).toBeLessThanOrEqual(0);
  // The phones, too, count the round's time only.
  const phone = await phonePage();
  await phone.getByTestId('round-left').waitFor();
  expect(await phone.getByTestId('item-timer').count()).toBe(0);
  const o = await overflow(projector);
  expect(o.x).toBeLessThanOrEqual(0);
  expect(o.y).toBeLessThanOrEqual(0);
});

it('[BR10] the console moves one person to another table: their phone shows the new table, the tiles count again', async () => {
  const item = addItem(plenary.doc, { title: 'Tables', kind: 'breakout', minutes: 20 });
  goToItem(plenary.doc, item, Date.now());
  planRound(plenary.doc, item, { prompts: ['What next?'], minutes: 10, assignment: 'count-off', tables: [{ label: '' }, { label: '' }, { label: '' }] });
  startRound(plenary.doc, item, Date.now());
  const console_ = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await console_.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  await waitLive(console_);
  const ana = await phonePage();
  const ben = await phonePage();
  await ana.getByRole('button', { name: '1', exact: true }).click();
  await ben.getByRole('button', { name: '1', exact: true }).click();
  await ana.getByTestId('my-table').getByText('Table 1').waitFor();
  const code = (await ana.getByTestId('seat-code').locator('span').textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{4}$/);

  const tile = (n: number) => console_.locator(`[data-testid="tile-${item}-t${n}"]`);
  await eventually(async () => expect(await tile(1).getByTestId('tile-written').textContent()).toContain('2 people'));
  await tile(1).getByText('Move one person').click();
  await tile(1).getByLabel('Person (the code on their phone)').selectOption({ label: code });
  await tile(1).getByLabel('To table').selectOption({ label: 'Table 3' });
  await tile(1).getByRole('button', { name: 'Move', exact: true }).click();
  await ana.getByTestId('my-table').getByText('Table 3').waitFor();
  await eventually(async () => expect(await tile(3).getByTestId('tile-written').textContent()).toContain('1 person'));
  expect(await tile(1).getByTestId('tile-written').textContent()).toContain('1 person');
  expect(await ben.getByTestId('my-table').textContent()).toContain('Table 1');
  // The console's own socket is still live: a move is the server's write, never refused.
  await waitLive(console_);
  await tile(3).scrollIntoViewIfNeeded();
  await shot(console_, 'console-move-one-1366x768');
  await shot(ana, 'phone-moved-390x844');
});
