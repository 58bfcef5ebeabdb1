/**
 * Keyboard and focus ([N8], [N9]): every tab stop shows a focus indicator of at least 3:1 against
 * what is behind it, and focus stays somewhere sensible when the control just used goes away.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { measure } from './contrast.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;
let itemId: string;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Keyboard assembly');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  itemId = addItem(plenary.doc, { title: 'Dues', kind: 'proposal', minutes: 30 });
  addItem(plenary.doc, { title: 'Next steps', kind: 'discussion', minutes: 10 });
  goToItem(plenary.doc, itemId, Date.now());
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

/** Tabs through the page once round (at most `max` stops) and checks every stop's indicator. */
async function everyTabStop(page: Page, max = 80): Promise<number> {
  let stops = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const ring = await measure(page, 'outlineColor');
    if (!ring) continue;
    if (ring.again) break;
    stops++;
    expect({ what: ring.what, ok: ring.outlineStyle !== 'none' && ring.outlineWidth >= 2 && ring.contrast >= 3 }).toEqual({ what: ring.what, ok: true });
  }
  return stops;
}

it('[N9] every tab stop on the console and on the phone shows a focus indicator of at least 3:1', async () => {
  const console_ = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await console_.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  await waitLive(console_);
  expect(await everyTabStop(console_)).toBeGreaterThan(20);
  const phone = await (await h.person()).newPage();
  await phone.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await waitLive(phone);
  expect(await everyTabStop(phone)).toBeGreaterThanOrEqual(5);
}, 90_000);

it('[N8] after voting or withdrawing by keyboard, focus is in the vote or stack section, not lost to the page', async () => {
  const facilitator = new Phone(h.server.url, asm.facilitatorToken);
  const [code] = await issueCodes(facilitator, asm.id, 1);
  const page = await (await h.person()).newPage();
  await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await waitLive(page);
  await page.locator('input#voting-code').fill(code);
  await page.locator('input#voting-code').press('Enter');
  await page.getByTestId('has-right').waitFor();
  await eventually(async () => expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY'));

  await page.getByLabel('Your name').fill('Hodan');
  await page.getByLabel('Your name').press('Enter');
  await page.getByTestId('my-entry').waitFor();
  await page.getByRole('button', { name: 'Take my hand down' }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('my-entry').waitFor({ state: 'detached' });
  await eventually(async () => expect(await page.evaluate(() => document.activeElement?.closest('section')?.id)).toBe('stack'));

  const proposalId = addProposal(plenary.doc, { itemId, text: 'Dues go up' }, Date.now());
  await eventually(async () => expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(200));
  await page.getByRole('button', { name: 'Against' }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('voted').waitFor();
  await eventually(async () => expect(await page.evaluate(() => document.activeElement?.closest('section')?.id ?? document.activeElement?.id)).toBe('vote'));
}, 60_000);

it("[N10] the keeper's kind picker is one tab stop, and arrow keys move the choice within it", async () => {
  const { token } = await mintLink(h.server.url, asm, { role: 'stack-keeper', label: 'Front table' });
  const keeper = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await keeper.goto(`${h.server.url}/join/${token}`);
  await waitLive(keeper);
  const group = keeper.getByRole('radiogroup', { name: 'What for' });
  const checked = () => group.locator('[aria-checked="true"]').getAttribute('data-kind');
  await group.getByRole('radio', { checked: true }).focus();
  expect(await checked()).toBe('speak');
  await keeper.keyboard.press('ArrowRight');
  expect(await checked()).toBe('direct');
  expect(await keeper.evaluate(() => (document.activeElement as HTMLElement).dataset.kind)).toBe('direct');
  await keeper.keyboard.press('ArrowLeft');
  await keeper.keyboard.press('ArrowLeft');
  expect(await checked()).toBe('process');
  // One tab stop: Tab leaves the group at once.
  await keeper.keyboard.press('Tab');
  expect(await keeper.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('radio');
  expect(await group.locator('[tabindex="0"]').count()).toBe(1);
});

it('[N11] with forced colours (Windows high contrast) the chosen language and kind of hand are marked by more than colour (the table picker uses the same mark)', async () => {
  const { token } = await mintLink(h.server.url, asm, { role: 'stack-keeper', label: 'Side table' });
  const keeper = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await keeper.emulateMedia({ forcedColors: 'active' });
  await keeper.goto(`${h.server.url}/join/${token}`);
  await waitLive(keeper);
  const mark = async (locator: ReturnType<Page['locator']>) => (await locator.innerText()).includes('✓');
  const switcher = keeper.getByRole('form', { name: 'Change language' });
  if (await switcher.getByRole('combobox').count()) {
    // More than three languages: a list, whose chosen entry is its own text, not a colour.
    expect(await switcher.getByRole('combobox').inputValue()).toBe('en');
  } else {
    const languages = switcher.getByRole('button');
    expect(await mark(languages.filter({ hasText: 'English' }))).toBe(true);
    expect(await mark(languages.filter({ hasText: 'Español' }))).toBe(false);
  }
  const kinds = keeper.getByRole('radiogroup', { name: 'What for' });
  expect(await mark(kinds.locator('[aria-checked="true"]'))).toBe(true);
  for (const other of await kinds.locator('[aria-checked="false"]').all()) expect(await mark(other)).toBe(false);
});

it('[N13] arrow keys on the Outcome select write nothing; the outcome is recorded only by Enter or the button', async () => {
  const proposalId = addProposal(plenary.doc, { itemId, text: 'Picket on Friday' }, Date.now());
  const laptop = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await laptop.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  await waitLive(laptop);
  const card = laptop.getByTestId('proposal').filter({ hasText: 'Picket on Friday' });
  const outcome = card.getByTestId('outcome');
  // Every outcome the room is shown, in order (updates arrive in the order they were written).
  const shown: (string | null)[] = [];
  const watch = () => {
    const now = getProposal(plenary.doc, proposalId)?.outcome ?? null;
    if (now !== (shown.at(-1) ?? null)) shown.push(now);
  };
  plenary.doc.on('update', watch);
  await outcome.focus();
  await laptop.keyboard.press('ArrowDown');
  await laptop.keyboard.press('ArrowDown');
  expect(await outcome.inputValue()).toBe('failed');
  await laptop.keyboard.press('Enter');
  await eventually(() => expect(getProposal(plenary.doc, proposalId)?.outcome).toBe('failed'));
  // Passing over "Carried" wrote nothing: the room saw "Failed" only, once it was chosen.
  expect(shown).toEqual(['failed']);
  plenary.doc.off('update', watch);
  // Another change from elsewhere shows at once; the button records an explicit new choice.
  await outcome.selectOption('carried');
  await card.getByRole('button', { name: 'Record the outcome' }).click();
  await eventually(() => expect(getProposal(plenary.doc, proposalId)?.outcome).toBe('carried'));
});
