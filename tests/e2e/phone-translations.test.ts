/**
 * What issue 14 must show, in Chromium ([L70]–[L73]): a facilitator writes an agenda item, an
 * announcement and a proposal (a stock y-websocket client, as the console's edits arrive); the
 * Somali interpreter translates them on the interpreter's desk in a browser of their own; a Somali phone shows the translations live, an English phone the
 * originals and opens no socket to any translation; the facilitator edits the item and the Somali
 * phone shows the original with the translation marked out of date, until it is redone. Axe-clean
 * with translations, honest without JavaScript (the original opens), no sideways scroll at 320 px.
 * Screenshots of the Somali phone go to /work/shots/h5/ when that folder exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, WebSocket } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { Phone } from '../helpers/phone.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { expectAxeClean } from './axe.js';
import { addItem, editItem } from '../../app/model/agenda.js';
import { addProposal } from '../../app/model/proposals.js';
import { goToItem, setAnnouncement } from '../../app/model/run.js';
import so from '../../app/i18n/locales/so.json' with { type: 'json' };

/** The Somali phone's own words for the notes under a text (the shipped catalogue). */
const SO = so.translated;
import { ANNOUNCEMENT_KEY, itemTitleKey, proposalKey, readTranslations, translationsDocName } from '../../app/model/translations.js';

const SHOTS = '/work/shots/h5';
const PHONE = { width: 390, height: 844 };

let h: Harness;
let asm: CreatedAssembly;
let facilitator: Client;
let interpreter: Phone;
/** The Somali interpreter's desk in a browser of its own: the translations are made there. */
let desk: Page;
let itemId: string;
let proposalId: string;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Local 12 general assembly');
  facilitator = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await facilitator.synced;
  itemId = addItem(facilitator.doc, { title: 'Contract vote', kind: 'proposal', minutes: 20 });
  addItem(facilitator.doc, { title: 'Strike fund report', kind: 'report', minutes: 10 });
  goToItem(facilitator.doc, itemId, Date.now());
  setAnnouncement(facilitator.doc, 'Lunch is at noon in the back hall');
  proposalId = addProposal(facilitator.doc, { itemId, text: 'We accept the contract as offered.' }, Date.now());
  const link = await mintLink(h.server.url, asm, { role: 'interpreter', scope: 'so' });
  interpreter = new Phone(h.server.url);
  expect(await interpreter.join(link.token)).toBe(303);
  desk = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await desk.goto(`${h.server.url}/join/${link.token}`);
  await waitLive(desk);
}, 60_000);
afterAll(async () => {
  facilitator?.destroy();
  await h?.close();
});

async function shot(page: Page, name: string) {
  if (fs.existsSync(SHOTS)) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** When the Somali translation of `key` was last saved (the `base` a save names), read as any room member reads it. */
async function savedAt(key: string): Promise<string> {
  const reader = connect(h.server.syncUrl, translationsDocName(asm.id, 'so'), asm.facilitatorToken);
  try {
    await reader.synced;
    return String(readTranslations(reader.doc).get(key)?.at ?? '');
  } finally {
    reader.destroy();
  }
}

/**
 * The interpreter translates on their desk, as a person does: the card of `key` shows `from` (the
 * original as it is now), they type the translation and press Save; it is saved when the card
 * says it is up to date.
 */
async function translate(key: string, from: string, text: string) {
  const card = desk.locator(`[data-testid="translation-card"][data-key="${key}"]`);
  await expect.poll(() => card.getByTestId('translation-source').textContent()).toBe(from);
  await card.getByRole('textbox').fill(text);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => card.getAttribute('data-state')).toBe('current');
}

/** A phone in a browser whose language is `locale`, on the attendee page, live; every socket it opens is noted. */
async function phoneIn(locale: string, options: { viewport?: { width: number; height: number } } = {}): Promise<{ page: Page; sockets: string[] }> {
  const page = await (await h.person({ locale, viewport: options.viewport ?? PHONE })).newPage();
  const sockets: string[] = [];
  page.on('websocket', (ws: WebSocket) => sockets.push(new URL(ws.url()).pathname));
  await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await page.goto(`${h.server.url}/a/${asm.id}`);
  await waitLive(page);
  return { page, sockets };
}

/** The translation documents a page opened sockets to (a socket renewed under load counts once). */
const translationSockets = (sockets: string[]) => [...new Set(sockets.filter((s) => s.includes('/translations/')))];

it('[L70] [L71] [L72] a Somali phone follows the interpreter live; an English phone keeps the originals and opens no second socket', async () => {
  const somali = await phoneIn('so');
  const english = await phoneIn('en-US');
  expect(await somali.page.evaluate(() => document.documentElement.lang)).toBe('so');
  await somali.page.getByTestId('current-title').getByText('Contract vote').waitFor();
  // Nobody interprets yet: no phone opens a translations socket.
  expect(translationSockets(somali.sockets)).toEqual([]);

  await translate(itemTitleKey(itemId), 'Contract vote', 'Codbixinta heshiiska');
  await translate(ANNOUNCEMENT_KEY, 'Lunch is at noon in the back hall', 'Qadada waa duhurka, hoolka dambe');
  await translate(proposalKey(proposalId), 'We accept the contract as offered.', 'Waxaan aqbalnay heshiiska sida loo soo bandhigay.');

  // Live, without a reload: the socket opens when the plenary lists Somali as interpreted.
  const title = somali.page.getByTestId('current-title');
  await title.getByText('Codbixinta heshiiska').waitFor();
  expect(await title.getAttribute('lang')).toBe('so');
  await somali.page.getByTestId('announcement').getByText('Qadada waa duhurka, hoolka dambe').waitFor();
  await somali.page.getByTestId('current-text').getByText('Waxaan aqbalnay heshiiska sida loo soo bandhigay.').waitFor();
  expect(translationSockets(somali.sockets)).toEqual([`/sync/${asm.id}/translations/so`]);
  // The original one tap away.
  const original = somali.page.getByTestId('current-item').getByTestId('translation-original');
  expect(await original.getByText('Contract vote').isVisible()).toBe(false);
  await shot(somali.page, 'phone-so-390x844-translated');
  await expectAxeClean(somali.page, 'the Somali phone with translations');
  await original.getByText(SO.original).click();
  await original.getByText('Contract vote').waitFor();
  await shot(somali.page, 'phone-so-390x844-original-open');

  // The English phone: the originals, exactly as before, and only the plenary's socket.
  await english.page.getByTestId('announcement').getByText('Lunch is at noon in the back hall').waitFor();
  expect(await english.page.getByTestId('current-title').textContent()).toBe('Contract vote');
  expect(await english.page.getByTestId('translation-original').count()).toBe(0);
  expect(await english.page.getByText('Codbixinta heshiiska').count()).toBe(0);
  expect(translationSockets(english.sockets)).toEqual([]);
  expect(new Set(english.sockets)).toEqual(new Set([`/sync/${asm.id}/plenary`]));

  // The facilitator edits the item: the Somali phone shows the original, marked, at once.
  editItem(facilitator.doc, itemId, { title: 'Contract vote: final offer' });
  await title.getByText('Contract vote: final offer').waitFor();
  const stale = somali.page.getByTestId('current-item').getByTestId('translation-stale');
  await stale.getByText(SO.outdated).waitFor();
  expect(await stale.getAttribute('role')).toBe('status');
  expect(await title.getAttribute('lang')).toBeNull();
  // The announcement did not change: still translated.
  await somali.page.getByTestId('announcement').getByText('Qadada waa duhurka, hoolka dambe').waitFor();
  await shot(somali.page, 'phone-so-390x844-stale');
  await expectAxeClean(somali.page, 'the Somali phone with a stale translation');

  // On the desk the card is out of date too. A save crafted from the old text (a page that did not
  // follow) is told it changed; redone on the desk from the new one, it shows.
  const card = desk.locator(`[data-testid="translation-card"][data-key="${itemTitleKey(itemId)}"]`);
  await expect.poll(() => card.getAttribute('data-state')).toBe('stale');
  const late = await interpreter.post(`/a/${asm.id}/interpret?index`, {
    key: itemTitleKey(itemId),
    from: 'Contract vote',
    text: 'Codbixinta',
    base: await savedAt(itemTitleKey(itemId)),
  });
  expect(late.status).toBe(409);
  await translate(itemTitleKey(itemId), 'Contract vote: final offer', 'Codbixinta heshiiska: dalabka ugu dambeeya');
  await title.getByText('Codbixinta heshiiska: dalabka ugu dambeeya').waitFor();
  expect(await somali.page.getByTestId('current-item').getByTestId('translation-stale').count()).toBe(0);
  expect(await english.page.getByTestId('current-title').textContent()).toBe('Contract vote: final offer');
  expect(translationSockets(english.sockets)).toEqual([]);
  await shot(somali.page, 'phone-so-390x844-redone');
});

it('[L70] [L72] a Somali phone opened after the first translation starts from it, and without JavaScript the original opens too', async () => {
  const later = await phoneIn('so');
  await later.page.getByTestId('current-title').getByText('Codbixinta heshiiska: dalabka ugu dambeeya').waitFor();
  await eventually(() => expect(translationSockets(later.sockets)).toEqual([`/sync/${asm.id}/translations/so`]));

  const plain = await (await h.person({ locale: 'so', javaScript: false })).newPage();
  await plain.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await plain.goto(`${h.server.url}/a/${asm.id}`);
  const title = plain.getByTestId('current-title');
  expect(await title.textContent()).toBe('Codbixinta heshiiska: dalabka ugu dambeeya');
  const original = plain.getByTestId('current-item').getByTestId('translation-original');
  await original.getByText(SO.original).click();
  expect(await original.getByText('Contract vote: final offer').isVisible()).toBe(true);
});

it('[L70] at 320 px the translated phone does not scroll sideways', async () => {
  const narrow = await phoneIn('so', { viewport: { width: 320, height: 640 } });
  await narrow.page.getByTestId('current-title').getByText('Codbixinta heshiiska: dalabka ugu dambeeya').waitFor();
  await narrow.page.getByTestId('current-item').getByTestId('translation-original').getByText(SO.original).click();
  expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await shot(narrow.page, 'phone-so-320-original-open');
});
