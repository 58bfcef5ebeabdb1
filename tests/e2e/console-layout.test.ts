/**
 * The facilitator console as a facilitator mid-assembly uses it (issue 12, "What the facilitator
 * missed"): the run-the-room strip in view, panels to jump to and fold away, a plan with its end
 * time, a mint form that starts empty after each link, and a second step before ending a round
 * early or revoking a link — with and without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type * as Y from 'yjs';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem, addTemplate, readAgenda } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { setMeta } from '../../app/model/meta.js';
import { planRound, readRound, roundsMap, startRound } from '../../app/model/breakouts.js';
import { raiseHand } from '../../app/model/stack.js';
import { readTimer } from '../../app/model/timers.js';
import en from '../../app/i18n/locales/en.json' with { type: 'json' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.close());

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** A room mid-assembly: the template agenda, its breakout item running a three-table round, a stack. */
async function roomInBreakouts(title: string): Promise<{ asm: CreatedAssembly; plenary: Client; item: string }> {
  const asm = await createAssembly(h.server.url, title);
  const plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  addTemplate(plenary.doc, (k) => (en.agenda.template as Record<string, string>)[k]);
  const item = readAgenda(plenary.doc).find((i) => i.kind === 'breakout')!.id;
  goToItem(plenary.doc, item, Date.now());
  planRound(plenary.doc, item, {
    prompts: ['What next?'],
    minutes: 20,
    assignment: 'language',
    tables: [{ label: 'English' }, { label: 'Español' }, { label: 'Soomaali' }],
  });
  startRound(plenary.doc, item, Date.now());
  ['Amina', 'Luis', 'Hodan'].forEach((name, i) => raiseHand(plenary.doc, { name, kind: 'speak' }, Date.now() - (3 - i) * 1000));
  return { asm, plenary, item };
}

async function openConsole(asm: CreatedAssembly, options: Parameters<Harness['person']>[0] = {}): Promise<Page> {
  const page = await (await h.person(options)).newPage();
  await page.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  await page.goto(`${h.server.url}/a/${asm.id}/facilitate?saved`);
  if (options.javaScript !== false) await waitLive(page);
  return page;
}

/** Whether the element's box lies wholly inside the viewport. */
const inView = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  });

describe('the console layout', () => {
  it('[P10][P11] at 1366×768 the strip (current item, item timer, round, next) and the section nav are on the first screen and stay there; a jump lands on a real heading', async () => {
    const { asm, plenary } = await roomInBreakouts('Layout at 1366');
    const page = await openConsole(asm, { viewport: LAPTOP });
    for (const id of ['run-current', 'item-timer', 'strip-round', 'next-item-button', 'section-nav']) expect(await inView(page, id), id).toBe(true);
    // Landmarks: the strip and the nav are named; every panel is a section named by its h2.
    await page.getByRole('complementary', { name: 'Running the room' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Console sections' });
    const targets = await nav.getByRole('link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash));
    expect(targets).toEqual(expect.arrayContaining(['#breakouts', '#stack', '#proposals', '#agenda', '#links', '#minutes']));
    for (const hash of targets) {
      const heading = page.locator(`${hash} h2`).first();
      expect(await heading.count(), hash).toBe(1);
    }
    await page.getByRole('region', { name: 'Links and QR codes' }).waitFor({ state: 'attached' });
    // [P13] The stack, read-only, in the room's order.
    expect(await page.getByTestId('stack-glance').locator('li').allTextContents()).toEqual(['Amina · To speak', 'Luis · To speak', 'Hodan · To speak']);
    // Jumping to the minutes at the bottom: the strip is still in view, and so is the heading.
    await nav.getByRole('link', { name: 'Minutes' }).click();
    await eventually(async () => expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500));
    for (const id of ['item-timer', 'next-item-button']) expect(await inView(page, id), id).toBe(true);
    expect(await page.getByRole('heading', { name: 'Minutes', level: 2 }).isVisible()).toBe(true);
    plenary.destroy();
  });

  it('[P11][P12] at 390×844 the strip is sticky and compact, and a jump never hides the heading under it', async () => {
    const { asm, plenary } = await roomInBreakouts('Layout at 390');
    const page = await openConsole(asm, { viewport: PHONE });
    const strip = page.getByTestId('console-strip');
    expect((await strip.boundingBox())!.height).toBeLessThan(844 * 0.45);
    for (const [link, heading] of [
      ['Links', 'Links and QR codes'],
      ['Stack', 'Speakers’ stack'],
      ['Voting rights', 'Voting rights'],
    ] as const) {
      await page.getByTestId('section-nav').getByRole('link', { name: link, exact: true }).click();
      await eventually(async () => {
        expect(page.url()).toContain(
          `#${await page
            .getByTestId('section-nav')
            .getByRole('link', { name: link, exact: true })
            .evaluate((a) => (a as HTMLAnchorElement).hash.slice(1))}`,
        );
        const bar = (await strip.boundingBox())!;
        const h2 = (await page.getByRole('heading', { name: heading, level: 2 }).boundingBox())!;
        expect(bar.y).toBeLessThanOrEqual(0.5); // stuck to the top
        expect(h2.y, heading).toBeGreaterThanOrEqual(bar.y + bar.height - 0.5); // not under the strip
        expect(h2.y).toBeLessThan(844);
      });
    }
    plenary.destroy();
  });

  it('[P12] at 320×640, in Spanish, the strip takes at most half the screen and nothing in it runs off the side', async () => {
    const { asm, plenary } = await roomInBreakouts('Estrecho');
    const page = await openConsole(asm, { viewport: { width: 320, height: 640 }, locale: 'es-ES' });
    await page.getByTestId('console-strip').getByText('Siguiente punto', { exact: false }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect((await page.getByTestId('console-strip').boundingBox())!.height).toBeLessThanOrEqual(320.5); // half of 640
    const overflowing = await page
      .getByTestId('console-strip')
      .evaluate((strip) =>
        [...strip.querySelectorAll('button, p')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !el.closest('nav'))
          .map((el) => el.textContent),
      );
    expect(overflowing).toEqual([]);
    plenary.destroy();
  });

  it('[P10] a panel folds away by keyboard, stays folded after a reload, and a jump to it opens it again', async () => {
    const { asm, plenary } = await roomInBreakouts('Folding');
    const page = await openConsole(asm, { viewport: LAPTOP });
    const agendaList = page.getByTestId('agenda-editor');
    expect(await agendaList.isVisible()).toBe(true);
    await page.locator('#agenda summary').focus();
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await agendaList.isVisible()).toBe(false));
    await page.reload();
    await waitLive(page);
    await eventually(async () => expect(await page.locator('#agenda details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false));
    expect(await page.getByRole('heading', { name: 'Agenda', level: 2 }).isVisible()).toBe(true); // the heading stays
    await page.getByTestId('section-nav').getByRole('link', { name: 'Agenda' }).click();
    await eventually(async () => expect(await agendaList.isVisible()).toBe(true));
    plenary.destroy();
  });

  it('[P10] without JavaScript every panel is there, open, and folds with the browser alone', async () => {
    const { asm, plenary } = await roomInBreakouts('Folding without JS');
    const page = await openConsole(asm, { viewport: LAPTOP, javaScript: false });
    expect(await page.locator('details[open]').count()).toBeGreaterThanOrEqual(8);
    await page.locator('#links summary').click();
    expect(await page.locator('#links details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.getByTestId('section-nav').getByRole('link', { name: 'Stack' }).click();
    expect(page.url()).toMatch(/#stack$/);
    plenary.destroy();
  });
});

describe('the agenda plan', () => {
  it('[G7] while building: the planned total and, from the start time, the planned end; once running, the projected end', async () => {
    const asm = await createAssembly(h.server.url, 'Planning');
    const plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
    await plenary.synced;
    const page = await openConsole(asm, { viewport: LAPTOP });
    await page.getByRole('button', { name: 'Start from the assembly template' }).click();
    const plan = page.getByTestId('agenda-plan');
    await plan.getByText('8 items · 2 h 15 min planned').waitFor();
    await plan.getByText('No start time yet, so no planned end.').waitFor();
    // [L34] The hall's clock in the assembly's zone, its name with the start.
    setMeta(plenary.doc, { startsAt: '2026-05-01T18:00', timeZone: 'America/Chicago' });
    await plan.getByText('Starts 6:00 PM CDT · planned end 8:15 PM').waitFor();
    addItem(plenary.doc, { title: 'Strike fund', kind: 'discussion', minutes: 20 });
    await plan.getByText('9 items · 2 h 35 min planned').waitFor();
    await plan.getByText('Starts 6:00 PM CDT · planned end 8:35 PM').waitFor();
    expect(await page.getByTestId('agenda-plan-projected').count()).toBe(0);
    await page.getByTestId('next-item-button').click();
    await plan
      .getByTestId('agenda-plan-projected')
      .getByText(/^Running now: projected end \d{1,2}:\d\d [AP]M$/)
      .waitFor();
    plenary.destroy();
  });
});

describe('the item timer', () => {
  it('[T5] Reset on a running timer restarts it from the full length, still running', async () => {
    const { asm, plenary } = await roomInBreakouts('Reset');
    const page = await openConsole(asm, { viewport: LAPTOP });
    const timer = page.getByTestId('console-strip').getByRole('group', { name: 'Time left for this item' });
    // The item started with its timer running.
    await timer.getByRole('button', { name: 'Pause' }).waitFor();
    await timer.getByRole('button', { name: '+1 min' }).click();
    await timer.getByRole('button', { name: 'Reset' }).click();
    await eventually(() => expect(readTimer(plenary.doc, 'item')).toMatchObject({ durationMs: 30 * 60_000, elapsedMs: 0, startedAt: expect.any(Number) }));
    expect(await page.getByTestId('item-timer').getAttribute('data-running')).toBe('true');
    expect(await timer.getByTestId('item-timer-said').textContent()).toBe('Reset to 30:00, still running');
    plenary.destroy();
  });
});

describe('the mint form', () => {
  it('[H11] starts empty after each link: a "voice only" tick never carries to the next link', async () => {
    const asm = await createAssembly(h.server.url, 'Minting');
    const page = await openConsole(asm, { viewport: LAPTOP });
    const form = page.getByTestId('mint-form');
    await form.getByLabel('Role').selectOption('attendee');
    await form.getByLabel('Label (who it is for)').fill('Observer from the press');
    await form.getByLabel('Voice only (can speak, cannot vote)').check();
    await form.getByRole('button', { name: 'Make link' }).click();
    await page.getByTestId('minted-link').first().waitFor();
    await eventually(async () => expect(await form.getByLabel('Voice only (can speak, cannot vote)').isChecked()).toBe(false));
    expect(await form.getByLabel('Label (who it is for)').inputValue()).toBe('');
    expect(await form.getByLabel('Role').inputValue()).toBe('stack-keeper');
    // The next attendee link, made without touching the tick, can vote.
    await form.getByLabel('Role').selectOption('attendee');
    await form.getByLabel('Label (who it is for)').fill('Delegate from Local 7');
    await form.getByRole('button', { name: 'Make link' }).click();
    const list = page.getByTestId('link-list');
    await list.locator('li', { hasText: 'Delegate from Local 7' }).waitFor();
    expect(await list.locator('li', { hasText: 'Delegate from Local 7' }).textContent()).not.toContain('Voice only');
    expect(await list.locator('li', { hasText: 'Observer from the press' }).textContent()).toContain('Voice only');
  });

  it('[H11] without JavaScript the page after a link has an empty form', async () => {
    const asm = await createAssembly(h.server.url, 'Minting without JS');
    const page = await openConsole(asm, { viewport: LAPTOP, javaScript: false });
    const form = page.getByTestId('mint-form');
    await form.getByLabel('Role').selectOption('attendee');
    await form.getByLabel('Label (who it is for)').fill('Observer');
    await form.getByLabel('Voice only (can speak, cannot vote)').check();
    await form.getByRole('button', { name: 'Make link' }).click();
    await page.getByTestId('minted-link').waitFor();
    expect(await form.getByLabel('Voice only (can speak, cannot vote)').isChecked()).toBe(false);
    expect(await form.getByLabel('Label (who it is for)').inputValue()).toBe('');
  });
});

describe('confirming destructive acts', () => {
  it('[G6] ending a round early: the first press asks; Escape and Cancel leave it running; Confirm ends it', async () => {
    const { asm, plenary, item } = await roomInBreakouts('Ending early');
    const page = await openConsole(asm, { viewport: LAPTOP });
    const end = page.getByRole('button', { name: 'End the round and take report-backs' });
    const dialog = page.getByRole('dialog');
    await end.click();
    await dialog.getByText(/^End the round now\? 3 tables still have (19|20):\d\d to go\.$/).waitFor();
    // Focus starts on the safe choice; Escape cancels and gives focus back.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await end.evaluate((el) => el === document.activeElement)).toBe(true);
    await end.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Nothing happened on the server either.
    await page.waitForLoadState('networkidle');
    expect(readRound(plenary.doc, item)?.status).toBe('running');
    await end.click();
    await dialog.getByRole('button', { name: 'End the round now' }).click();
    await page.getByTestId('round-ended').waitFor();
    await eventually(() => expect(readRound(plenary.doc, item)?.status).toBe('ended'));
    plenary.destroy();
  });

  it('[G6] a round whose time is up ends on the first press, with no question', async () => {
    const { asm, plenary, item } = await roomInBreakouts('Ending on time');
    const page = await openConsole(asm, { viewport: LAPTOP });
    // The round's time runs out while the console is open.
    (roundsMap(plenary.doc).get(item) as Y.Map<unknown>).set('endsAt', Date.now() - 60_000);
    await page.getByTestId('strip-round').getByText(/over$/).waitFor();
    await page.getByRole('button', { name: 'End the round and take report-backs' }).click();
    await page.getByTestId('round-ended').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await eventually(() => expect(readRound(plenary.doc, item)?.status).toBe('ended'));
    plenary.destroy();
  });

  it('[G6] without JavaScript: the press answers with the question as a form; Cancel leaves the round, Confirm ends it', async () => {
    const { asm, plenary, item } = await roomInBreakouts('Ending early without JS');
    const page = await openConsole(asm, { viewport: LAPTOP, javaScript: false });
    await page.getByRole('button', { name: 'End the round and take report-backs' }).click();
    const prompt = page.getByTestId('confirm-prompt');
    await prompt.getByText(/^End the round now\? 3 tables still have (19|20):\d\d to go\.$/).waitFor();
    expect(readRound(plenary.doc, item)?.status).toBe('running');
    await prompt.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/#breakouts$/);
    expect(await page.getByTestId('confirm-prompt').count()).toBe(0);
    expect(readRound(plenary.doc, item)?.status).toBe('running');
    await page.getByRole('button', { name: 'End the round and take report-backs' }).click();
    await page.getByTestId('confirm-prompt').getByRole('button', { name: 'End the round now' }).click();
    await eventually(() => expect(readRound(plenary.doc, item)?.status).toBe('ended'));
    plenary.destroy();
  });

  it('[H10] revoking a link: the first press asks; Escape leaves it live; Confirm revokes it', async () => {
    const asm = await createAssembly(h.server.url, 'Revoking');
    const keeper = await mintLink(h.server.url, asm, { role: 'stack-keeper', label: 'Amina, stack' });
    const page = await openConsole(asm, { viewport: LAPTOP });
    const row = page.getByTestId('link-list').locator('li', { hasText: 'Amina, stack' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Revoke the Stack-keeper link “Amina, stack”? Whoever holds it is cut off at once.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForLoadState('networkidle');
    expect((await fetch(`${h.server.url}/join/${keeper.token}`, { redirect: 'manual' })).status).toBe(303);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await dialog.getByRole('button', { name: 'Revoke the link' }).click();
    await row.getByText('Revoked').waitFor();
    expect((await fetch(`${h.server.url}/join/${keeper.token}`, { redirect: 'manual' })).status).toBe(404);
  });

  it('[H10] without JavaScript revoking is two steps', async () => {
    const asm = await createAssembly(h.server.url, 'Revoking without JS');
    await mintLink(h.server.url, asm, { role: 'stack-keeper', label: 'Luis, stack' });
    const page = await openConsole(asm, { viewport: LAPTOP, javaScript: false });
    await page.getByTestId('link-list').locator('li', { hasText: 'Luis, stack' }).getByRole('button', { name: 'Revoke' }).click();
    const prompt = page.getByTestId('confirm-prompt');
    await prompt.getByText('Revoke the Stack-keeper link “Luis, stack”? Whoever holds it is cut off at once.').waitFor();
    expect(await page.getByTestId('link-list').locator('li', { hasText: 'Luis, stack' }).textContent()).not.toContain('Revoked');
    await prompt.getByRole('button', { name: 'Revoke the link' }).click();
    await page.getByTestId('link-list').locator('li', { hasText: 'Luis, stack' }).getByText('Revoked').waitFor();
  });
});
