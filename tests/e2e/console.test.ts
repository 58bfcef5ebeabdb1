/**
 * Running the room from the console, in Chromium: two facilitators on two laptops, a projector and
 * an attendee's phone (whose clock is seven minutes fast), then a server restart mid-timer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually } from '../helpers/clients.js';
import { createAssembly, mintLink } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.close());

const LAPTOP = { width: 1366, height: 768 };

/** "4:05" → 245, "+1:30" (over time) → −90. */
const seconds = (text: string) => {
  const [m, s] = text.replace(/^[+-]/, '').split(':').map(Number);
  return (text.startsWith('+') ? -1 : 1) * (m * 60 + s);
};

const editorTitles = (page: Page) => page.locator('[data-testid="agenda-editor"] > li p.text-lg').allTextContents();
const phoneTitles = (page: Page) => page.locator('[data-testid="agenda"] > li p.text-lg').allTextContents();
const itemTimer = async (page: Page) => seconds((await page.locator('[data-testid="item-timer"] [data-testid="timer-value"]').textContent())!);

async function addItem(page: Page, title: string, minutes: number) {
  const form = page.getByTestId('new-item-form');
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Minutes planned').fill(String(minutes));
  await form.getByRole('button', { name: 'Add to the agenda' }).click();
}

it('[G1][G2][T1][R1][R2] two consoles, a projector and a phone run one agenda and agree on the timer, across a server restart', async () => {
  const asm = await createAssembly(h.server.url, 'Hennepin County assembly');
  const second = await mintLink(h.server.url, asm, { role: 'facilitator', label: 'Second laptop' });
  const open = async (token: string, path: string, options: Parameters<Harness['person']>[0]) => {
    const context = await h.person(options);
    const page = await context.newPage();
    await page.goto(`${h.server.url}/join/${token}`);
    if (path) await page.goto(`${h.server.url}/a/${asm.id}${path}`);
    await waitLive(page);
    return page;
  };
  const a = await open(asm.facilitatorToken, '', { viewport: LAPTOP });
  const b = await open(second.token, '', { viewport: LAPTOP });
  const projector = await open(asm.attendeeToken, '/screen', { viewport: { width: 1920, height: 1080 } });
  // The phone's own clock is seven minutes fast: it must still show the room's time.
  const phoneContext = await h.person();
  await phoneContext.clock.install({ time: Date.now() + 7 * 60_000 });
  const phone = await phoneContext.newPage();
  await phone.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await waitLive(phone);

  // Facilitator A builds the agenda; B sees every item.
  await addItem(a, 'Welcome and community agreements', 10);
  await addItem(a, 'Report from the strike committee', 15);
  await addItem(a, 'Breakouts by workplace', 30);
  await eventually(async () =>
    expect(await editorTitles(b)).toEqual(['Welcome and community agreements', 'Report from the strike committee', 'Breakouts by workplace']),
  );

  // B moves the breakouts up by keyboard; A and the phone follow.
  await b.getByRole('button', { name: /Move “Breakouts by workplace”/ }).focus();
  await b.keyboard.press('ArrowUp');
  await expect.poll(() => b.getByTestId('agenda-said').textContent()).toContain('position 2 of 3');
  const reordered = ['Welcome and community agreements', 'Breakouts by workplace', 'Report from the strike committee'];
  await eventually(async () => expect(await editorTitles(a)).toEqual(reordered));
  await eventually(async () => expect(await phoneTitles(phone)).toEqual(reordered));
  // The grip keeps focus, so a second press goes on moving the same item.
  await b.keyboard.press('ArrowUp');
  await eventually(async () => expect((await editorTitles(a))[0]).toBe('Breakouts by workplace'));
  // A drags it back to the end with the mouse.
  await a
    .locator('[data-testid="agenda-editor"] > li')
    .first()
    .dragTo(a.locator('[data-testid="agenda-editor"] > li').last(), { targetPosition: { x: 20, y: 60 } });
  const order = ['Welcome and community agreements', 'Report from the strike committee', 'Breakouts by workplace'];
  await eventually(async () => expect(await editorTitles(b)).toEqual(order));
  await eventually(async () => expect(await phoneTitles(phone)).toEqual(order));

  // [G2] A opens "Report" to fix its title while B changes its minutes: both edits survive.
  await a.getByRole('button', { name: 'Edit “Report from the strike committee”' }).click();
  const formA = a.locator('form[data-testid^="edit-"]');
  await b.getByRole('button', { name: 'Edit “Report from the strike committee”' }).click();
  const formB = b.locator('form[data-testid^="edit-"]');
  await formB.getByLabel('Minutes planned').fill('20');
  await formB.getByRole('button', { name: 'Save' }).click();
  await phone.getByText('20 min').waitFor(); // B's change is everywhere while A's form is still open
  await formA.getByLabel('Title').fill('Report from the strike committee (Local 26)');
  await formA.getByRole('button', { name: 'Save' }).click();
  // Keyboard users keep their place: focus is back on the item's Edit button.
  expect(await a.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit “Report from the strike committee (Local 26)”');
  for (const page of [a, b]) {
    await page.getByText('Report from the strike committee (Local 26)').waitFor();
    expect(await page.locator('[data-testid="agenda-editor"] > li').nth(1).textContent()).toContain('20 min');
  }

  // A starts the first item: its timer runs at its planned 10 minutes on every screen.
  await a.getByRole('button', { name: 'Start now: “Welcome and community agreements”' }).click();
  await projector.getByTestId('current-item').getByText('Welcome and community agreements').waitFor();
  await projector.getByTestId('next-item').getByText('Report from the strike committee (Local 26)').waitFor();
  await phone.getByTestId('current-item').getByText('Welcome and community agreements').waitFor();
  const agree = async () =>
    eventually(
      async () => {
        const [ta, tb, tp, tf] = await Promise.all([a, b, projector, phone].map(itemTimer));
        for (const t of [tb, tp, tf]) expect(Math.abs(t - ta)).toBeLessThanOrEqual(1);
        return ta;
      },
      { timeout: 5_000 },
    );
  expect(await agree()).toBeGreaterThan(595);

  // B pauses, A adds a minute: every screen shows the same frozen time.
  await b.getByRole('group', { name: 'Time left for this item' }).getByRole('button', { name: 'Pause' }).click();
  await a.getByRole('group', { name: 'Time left for this item' }).getByRole('button', { name: '+1 min' }).click();
  await eventually(async () => expect(await itemTimer(projector)).toBeGreaterThan(655));
  await agree();
  await a.getByRole('group', { name: 'Time left for this item' }).getByRole('button', { name: 'Resume' }).click();
  await eventually(async () => expect(await projector.locator('[data-testid="item-timer"]').getAttribute('data-running')).toBe('true'));

  // An announcement typed on A reaches the projector and the phone.
  await a.getByRole('textbox', { name: 'Announcement on the projector' }).fill('Interpretation in Spanish: channel 2');
  await a.getByRole('button', { name: 'Show' }).click();
  await projector.getByTestId('announcement').getByText('Interpretation in Spanish: channel 2').waitFor();
  await phone.getByTestId('announcement').getByText('Interpretation in Spanish: channel 2').waitFor();

  // The server dies mid-timer and comes back: the projector recovers on its own, with the right time.
  const before = await itemTimer(projector);
  await h.restart();
  await projector.locator('[data-testid="connection"]:not([data-status="connected"])').first().waitFor();
  await waitLive(projector);
  await waitLive(a);
  const after = await agree();
  expect(after).toBeLessThanOrEqual(before);
  expect(after).toBeGreaterThan(before - 30);
  // And it is live, not a frozen picture: "next item" on B moves the projector on.
  await waitLive(b);
  await b.getByTestId('next-item-button').click();
  await projector.getByTestId('current-item').getByText('Report from the strike committee (Local 26)').waitFor();
  await eventually(async () => expect(await itemTimer(projector)).toBeGreaterThan(19 * 60 + 50));
  await agree();
  await eventually(async () => expect(await a.getByTestId('schedule-line').count()).toBe(1));
}, 120_000);
