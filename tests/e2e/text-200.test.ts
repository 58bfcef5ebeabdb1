/**
 * Text at 200% on a small phone ([N33]): Android's "font size" setting scales the root font; at
 * 360×740 and 320×640 with `html { font-size: 200% }` the attendee page never scrolls sideways —
 * idle, with a hand raised, with a vote open, in a round — with a long item title, stack entries
 * and agenda cards. Screenshots go to /work/shots/access/ when that folder exists.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { addProposal } from '../../app/model/proposals.js';
import { raiseHand } from '../../app/model/stack.js';
import { planRound, startRound } from '../../app/model/breakouts.js';

const SHOTS = '/work/shots/access';
let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;
let itemId: string;
let roundItem: string;

const LONG_TITLE = 'Report-back from the Amalgamated Warehouse and Distribution Workers’ strike-readiness committee (Local 1126)';

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Solidarity with the Twin Cities distribution centre organising committee');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  itemId = addItem(plenary.doc, {
    title: LONG_TITLE,
    kind: 'proposal',
    minutes: 30,
    presenter: 'Khadra Warsame-Abdirahman',
    interpretation: 'Spanish ch. 2, Somali ch. 3',
  });
  roundItem = addItem(plenary.doc, { title: 'Breakouts by workplace and shift', kind: 'breakout', minutes: 20 });
  addItem(plenary.doc, { title: 'Internationalisation of the solidarity fund', kind: 'discussion', minutes: 10 });
  planRound(plenary.doc, roundItem, {
    prompts: ['What is your workplace ready to do?'],
    minutes: 12,
    assignment: 'topic',
    tables: [{ label: 'Transportation and logistics' }, { label: 'Healthcare (nurses, aides, cleaners)' }],
  });
  goToItem(plenary.doc, itemId, Date.now());
  raiseHand(plenary.doc, { name: 'Bartholomew-Nkemelu Okonkwo-Fitzgerald', kind: 'speak' }, Date.now());
  raiseHand(plenary.doc, { name: 'Zainab', kind: 'direct' }, Date.now());
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

/** How far the page runs off its right edge, in CSS px (0 or less: it fits). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** What sticks out past the right edge (the innermost such elements), to say in a failure. */
const culprits = (page: Page) =>
  page.evaluate(() => {
    const edge = document.documentElement.clientWidth + 0.5;
    const out = (el: Element) => el.getBoundingClientRect().right > edge;
    return [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => out(el) && ![...el.children].some(out))
      .slice(0, 8)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)} w=${Math.round(el.getBoundingClientRect().width)} "${(el.textContent ?? '').trim().slice(0, 30)}"`,
      );
  });

async function fits(page: Page, state: string): Promise<void> {
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 320, height: 640 },
  ]) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const over = await sideways(page);
    if (fs.existsSync(SHOTS)) await page.screenshot({ path: `${SHOTS}/text200-${state}-${viewport.width}.png`, fullPage: true });
    expect({ state, width: viewport.width, over: Math.max(0, over), culprits: over > 0 ? await culprits(page) : [] }).toEqual({
      state,
      width: viewport.width,
      over: 0,
      culprits: [],
    });
  }
}

it('[N33] at 360 and 320 px with 200% text the attendee page never scrolls sideways: idle, hand raised, vote open, in a round', async () => {
  const facilitator = new Phone(h.server.url, asm.facilitatorToken);
  const [code] = await issueCodes(facilitator, asm.id, 1);
  const context = await h.person({ viewport: { width: 360, height: 740 } });
  await context.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => (document.documentElement.style.fontSize = '200%'));
  });
  const page = await context.newPage();
  await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await waitLive(page);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px');
  await fits(page, 'idle');

  await page.locator('#voting-code').fill(code);
  await page.locator('#voting-code').press('Enter');
  await page.getByTestId('has-right').waitFor();
  await page.locator('input[name="name"]').first().fill('Marisol Hernández-Villalobos');
  await page.locator('input[name="name"]').first().press('Enter');
  await page.getByTestId('my-entry').waitFor();
  await fits(page, 'hand-raised');

  const proposalId = addProposal(
    plenary.doc,
    { itemId, text: 'The assembly endorses a one-day solidarity walkout at every distribution centre in the metro area on Friday' },
    Date.now(),
  );
  await eventually(async () => expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(200));
  await page.locator('#vote button').first().waitFor();
  await fits(page, 'vote-open');

  goToItem(plenary.doc, roundItem, Date.now());
  startRound(plenary.doc, roundItem, Date.now());
  const tables = page.locator('#table button[name="table"]');
  await tables.first().waitFor();
  await fits(page, 'round');
  await tables.last().click();
  await page.getByTestId('seat-code').waitFor();
  await fits(page, 'round-at-table');
  if (fs.existsSync(SHOTS)) {
    await page.evaluate(() => (document.documentElement.style.fontSize = ''));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/text100-round-at-table-390.png`, fullPage: true });
  }
}, 90_000);
