/**
 * The projector fits its screen whatever is on it, and the join code stays whole ([N25], [R1]),
 * at 1280×720 and 1920×1080, with the longest content a room can put there: a 200-character
 * title, a full announcement, interpretation channels, a long speaker's name, a proposal with
 * three long accepted amendments and its result, a breakout round with five long questions.
 * And a phone with no camera types the projector's short code at /j and is in the room ([N20]).
 * Screenshots go to /work/shots/joincode/ when that folder exists (looked at by a person).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, type Client } from '../helpers/clients.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { AMENDMENT, ANNOUNCEMENT, expectProjectorFits, openProjectors, PROMPT, PROPOSAL, SIZES, SPEAKER, TITLE, words } from './projector-check.js';
import { expectAxeClean } from './axe.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem, setAnnouncement } from '../../app/model/run.js';
import { nextSpeaker, raiseHand } from '../../app/model/stack.js';
import { resetTimer, startTimer } from '../../app/model/timers.js';
import { broadcast, planRound, startRound } from '../../app/model/breakouts.js';
import { addAmendment, addProposal, decideAmendment, setHandCount, setOutcome } from '../../app/model/proposals.js';
import { setMeta } from '../../app/model/meta.js';

const SHOTS = '/work/shots/joincode';
const shot = async (page: Page, name: string) => {
  if (fs.existsSync(SHOTS)) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Fit assembly');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

const projectors = () => openProjectors(h, asm);

/** The projector fits with the join block whole and on top (tests/e2e/projector-check.ts), then a screenshot. */
const expectFits = (page: Page, label: string, { axe = true } = {}) => expectProjectorFits(page, label, { axe, shots: SHOTS });

it('[N25][R1] before anything starts: a 200-character assembly title, the join block large and whole', async () => {
  setMeta(plenary.doc, { title: TITLE });
  const pages = await projectors();
  for (const page of pages) {
    await page.getByTestId('assembly-title').getByText(TITLE.slice(0, 30)).waitFor();
    const { width, height } = page.viewportSize()!;
    await expectFits(page, `projector-${width}x${height}-before`);
  }
});

it('[N25][R1] an item with the longest title, a full announcement, channels, a long speaker and the next item: it fits, the code stays whole', async () => {
  const pages = await projectors();
  const item = addItem(plenary.doc, {
    title: TITLE,
    kind: 'report',
    minutes: 15,
    interpretation: 'Spanish ch. 2, Somali ch. 3, Oromo 91.5 MHz, Hmong ch. 4, Amharic ch. 5, Vietnamese ch. 6',
  });
  addItem(plenary.doc, {
    title: words(200, 'Next: the picket rota and who drives the vans to the warehouse gates on Thursday morning before dawn'),
    kind: 'discussion',
    minutes: 10,
  });
  goToItem(plenary.doc, item, Date.now());
  resetTimer(plenary.doc, 'item', 15 * 60_000);
  startTimer(plenary.doc, 'item', Date.now());
  setAnnouncement(plenary.doc, ANNOUNCEMENT);
  raiseHand(plenary.doc, { name: SPEAKER, kind: 'speak' }, Date.now());
  raiseHand(plenary.doc, { name: words(60, 'Abdirahman Mohamed Abdullahi Hassan Warsame Farah'), kind: 'speak' }, Date.now());
  nextSpeaker(plenary.doc, Date.now());
  resetTimer(plenary.doc, 'speaker', 2 * 60_000);
  startTimer(plenary.doc, 'speaker', Date.now());
  for (const page of pages) {
    await page.getByTestId('screen-speaker').getByText(SPEAKER.slice(0, 20)).waitFor();
    await page.getByTestId('announcement').waitFor();
    await page.getByTestId('speaker-timer').waitFor();
    const { width, height } = page.viewportSize()!;
    await expectFits(page, `projector-${width}x${height}-item-speaker-announcement`);
  }
  // Without JavaScript the type cannot step down: the middle is clipped, the QR still whole.
  for (const viewport of SIZES) {
    const plain = await (await h.person({ javaScript: false, viewport })).newPage();
    await plain.goto(`${h.server.url}/join/${asm.attendeeToken}`);
    await plain.goto(`${h.server.url}/a/${asm.id}/screen`);
    await plain.getByTestId('screen-speaker').waitFor();
    // axe needs the page's own timers, which a page without JavaScript does not run: the states above check it.
    await expectFits(plain, `projector-${viewport.width}x${viewport.height}-item-speaker-announcement-no-js`, { axe: false });
  }
});

it('[N25][R1] a proposal with three long accepted amendments, its count and result, the announcement and a speaker: it fits, the code stays whole', async () => {
  const pages = await projectors();
  const item = addItem(plenary.doc, { title: TITLE, kind: 'proposal', minutes: 30, interpretation: 'Spanish ch. 2, Somali ch. 3, Oromo 91.5 MHz' });
  goToItem(plenary.doc, item, Date.now());
  resetTimer(plenary.doc, 'item', 30 * 60_000);
  startTimer(plenary.doc, 'item', Date.now());
  const proposal = addProposal(plenary.doc, { itemId: item, text: PROPOSAL, by: SPEAKER }, Date.now());
  for (const n of [1, 2, 3]) decideAmendment(plenary.doc, proposal, addAmendment(plenary.doc, proposal, { text: AMENDMENT(n) }, Date.now()), true);
  setHandCount(plenary.doc, proposal, { for: 1234, against: 567, abstain: 89 });
  setOutcome(plenary.doc, proposal, 'carried', Date.now());
  setAnnouncement(plenary.doc, ANNOUNCEMENT);
  raiseHand(plenary.doc, { name: SPEAKER, kind: 'speak' }, Date.now());
  raiseHand(plenary.doc, { name: 'Chao', kind: 'speak' }, Date.now());
  nextSpeaker(plenary.doc, Date.now());
  for (const page of pages) {
    await page.getByTestId('screen-outcome').waitFor();
    await page.getByTestId('accepted-amendments').waitFor();
    await page.getByTestId('screen-speaker').waitFor();
    const { width, height } = page.viewportSize()!;
    await expectFits(page, `projector-${width}x${height}-result-amendments`);
  }
});

it('[N25][BR11] a breakout round with five long questions, a broadcast message and twelve tables: it fits, the code stays whole', async () => {
  const pages = await projectors();
  const item = addItem(plenary.doc, { title: TITLE, kind: 'breakout', minutes: 30 });
  goToItem(plenary.doc, item, Date.now());
  planRound(plenary.doc, item, {
    prompts: [1, 2, 3, 4, 5].map(PROMPT),
    minutes: 20,
    assignment: 'topic',
    tables: Array.from({ length: 12 }, (_, i) => ({ label: `Topic ${i + 1}: ${words(30, 'warehouse picket childcare transport')}` })),
  });
  startRound(plenary.doc, item, Date.now());
  broadcast(plenary.doc, item, words(200, 'Five minutes left: note-takers, write the one thing your table wants the room to hear first'), Date.now());
  setAnnouncement(plenary.doc, ANNOUNCEMENT);
  for (const page of pages) {
    await page.getByTestId('screen-prompts').waitFor();
    await page.getByTestId('round-message').waitFor();
    const { width, height } = page.viewportSize()!;
    await expectFits(page, `projector-${width}x${height}-breakout`);
  }
});

it('[N20] a phone without the QR types the code at /j and lands on the attendee page, live', async () => {
  const [projector] = await projectors();
  const code = (await projector.getByTestId('join-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
  expect(await projector.getByTestId('join-address').textContent()).toContain(`${new URL(h.server.url).host}/j`);

  // The console shows the same code, for a facilitator to read out.
  const console_ = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await console_.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  expect(await console_.getByTestId('link-join-code').textContent()).toContain(code);

  const phone = await (await h.person()).newPage();
  await phone.goto(`${h.server.url}/j`);
  const field = phone.getByLabel('Join code');
  expect(await field.getAttribute('autocapitalize')).toBe('characters');
  await shot(phone, 'phone-390x844-join-code-form');
  // A wrong code first: said plainly, on the same page.
  await field.fill('zzz zzz');
  await field.press('Enter');
  await phone.getByTestId('join-code-error').waitFor();
  await shot(phone, 'phone-390x844-join-code-wrong');
  // Then the code as a person types it from the back of the hall: small letters, a space.
  await phone.getByLabel('Join code').fill(code.replace('-', ' ').toLowerCase());
  await phone.getByLabel('Join code').press('Enter');
  await phone.waitForURL(`${h.server.url}/a/${asm.id}`);
  await waitLive(phone);
  setAnnouncement(plenary.doc, 'Welcome, late arrivals');
  await phone.getByText('Welcome, late arrivals').waitFor();
  await shot(phone, 'phone-390x844-joined-by-code');
});

it('[N20] the /j page in English and Spanish: one labelled field, its refusal said in words, no axe violation, nothing off a 320 px screen', async () => {
  for (const locale of ['en-US', 'es-ES']) {
    const page = await (await h.person({ locale, viewport: { width: 320, height: 640 } })).newPage();
    await page.goto(`${h.server.url}/j`);
    await expectAxeClean(page, `${locale} form`);
    await page.locator('#join-code').fill('0000');
    await page.locator('#join-code').press('Enter');
    await page.getByTestId('join-code-error').waitFor();
    expect(await page.locator('#join-code').getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(page, `${locale} refused`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await page.title()).toMatch(locale === 'en-US' ? /^Join with a code — Plenary$/ : /^Unirte con un código — Plenary$/);
    await shot(page, `phone-320-join-code-${locale}`);
  }
});
