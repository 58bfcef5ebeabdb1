/**
 * The room votes on the text it is voting on ([D5]–[D8], [D13]), in Chromium: a facilitator
 * accepts an amendment, writes the amended wording and sets a two-thirds threshold; the projector
 * and a phone show the amended text with the accepted amendment; the projector stays on the
 * chosen proposal when another is added or an outcome recorded. With SHOTS_DIR set, keeps
 * pictures of the projector and the phone during the vote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, getProposal, readProposals } from '../../app/model/proposals.js';
import { goToItem, setAnnouncement } from '../../app/model/run.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;
let proposalId: string;

const ORIGINAL = 'We strike on May 1';
const AMENDMENT = 'Add: with a strike fund of $20 a week per member';
const AMENDED = 'We strike on May 1, with a strike fund of $20 a week per member';

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'May Day assembly');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  const item = addItem(plenary.doc, { title: 'Strike vote', kind: 'proposal', minutes: 30 });
  goToItem(plenary.doc, item, Date.now());
  proposalId = addProposal(plenary.doc, { itemId: item, text: ORIGINAL, by: 'Khadra' }, Date.now());
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

async function open(token: string, where = '', viewport = { width: 390, height: 844 }): Promise<Page> {
  const page = await (await h.person({ viewport })).newPage();
  await page.goto(`${h.server.url}/join/${token}`);
  if (where) await page.goto(`${h.server.url}/a/${asm.id}${where}`);
  await waitLive(page);
  return page;
}

it('[D5][D6][D8][D13] an accepted amendment, the amended text and a two-thirds threshold reach the projector and the phone; the projector stays on its proposal', async () => {
  const console_ = await open(asm.facilitatorToken, '', { width: 1366, height: 768 });
  const projector = await open(asm.attendeeToken, '/screen', { width: 1280, height: 720 });
  const phone = await open(asm.attendeeToken);
  await projector.getByTestId('screen-proposal').getByText(ORIGINAL).waitFor();

  // The facilitator records the amendment and accepts it, writes the amended text, sets two thirds.
  const card = console_.getByTestId('proposal').filter({ hasText: ORIGINAL });
  await card.getByLabel('Amendment', { exact: true }).fill(AMENDMENT);
  await card.getByRole('button', { name: 'Add amendment' }).click();
  await card.getByRole('button', { name: 'Accept' }).click();
  await card.getByText('(accepted)').waitFor();
  await card.getByTestId('edit-text').locator('summary').click();
  await card.getByLabel('Proposal', { exact: true }).fill(AMENDED);
  await card.getByLabel('Your name (optional)').fill('Ana');
  await card.getByRole('button', { name: 'Save the text' }).click();
  const amendedCard = console_.getByTestId('proposal').filter({ hasText: AMENDED });
  await amendedCard.getByTestId('amended').waitFor();
  await amendedCard.getByTestId('threshold').selectOption('two-thirds');
  await amendedCard.getByRole('button', { name: 'Set what it takes to carry' }).click();
  await amendedCard.getByTestId('earlier-texts').locator('summary').click();
  await amendedCard.getByTestId('earlier-texts').getByText(ORIGINAL).waitFor();
  await amendedCard
    .getByTestId('earlier-texts')
    .getByText(/by Ana/)
    .waitFor();

  // The projector: the amended text, marked, with the accepted amendment and the threshold.
  const screen = projector.getByTestId('screen-proposal');
  await screen.getByTestId('current-text').getByText(AMENDED).waitFor();
  await screen.getByTestId('amended').waitFor();
  await screen.getByTestId('accepted-amendments').getByText(AMENDMENT).waitFor();
  await screen.getByTestId('needs').getByText('To carry: Two thirds').waitFor();

  // The phone: the same, and the original behind a <details>.
  const vote = phone.getByTestId('vote-card');
  await vote.getByTestId('current-text').getByText(AMENDED).waitFor();
  await vote.getByTestId('amended').waitFor();
  await vote.getByTestId('accepted-amendments').getByText(AMENDMENT).waitFor();
  expect(await vote.getByTestId('original').getByText(ORIGINAL).isVisible()).toBe(false);
  await vote.getByTestId('original').locator('summary').click();
  await vote.getByTestId('original').getByText(ORIGINAL).waitFor();

  // A second proposal is added and an outcome recorded on it: the projector does not move.
  await console_.getByLabel('Proposal', { exact: true }).last().fill('Thank the kitchen crew');
  await console_.getByRole('button', { name: 'Add proposal' }).click();
  await eventually(() => expect(readProposals(plenary.doc)).toHaveLength(2));
  const second = console_.getByTestId('proposal').filter({ hasText: 'Thank the kitchen crew' });
  // Its quorum and counts: the console says what they suggest, and why ([D9][D10]).
  await second.getByTestId('quorum').selectOption('present');
  await second.getByRole('button', { name: 'Set the quorum' }).click();
  await second.getByLabel('People needed').fill('40');
  await second.getByTestId('present').fill('46');
  await second.getByRole('button', { name: 'Save', exact: true }).click();
  await second.getByLabel('For', { exact: true }).fill('34');
  await second.getByLabel('Against', { exact: true }).fill('12');
  await second.getByRole('button', { name: 'Save counts' }).click();
  const why = second.getByTestId('suggestion');
  await why.getByText('Suggested: carried').waitFor();
  await why.getByText('34 for, 12 against: more for than against').waitFor();
  await why.getByText('Quorum 40, 46 present: met').waitFor();
  await why.scrollIntoViewIfNeeded();
  await shoot(console_, 'console-1366x768-suggestion');
  await second.getByTestId('outcome').selectOption('carried');
  await second.getByRole('button', { name: 'Record the outcome' }).click();
  await eventually(() => expect(readProposals(plenary.doc).find((p) => p.outcome === 'carried')).toBeTruthy());
  // Written after both changes reached the server: once the projector shows it, it has them too.
  setAnnouncement(plenary.doc, 'Kitchen crew thanked');
  await projector.getByText('Kitchen crew thanked').waitFor();
  expect(await screen.getByTestId('current-text').textContent()).toBe(AMENDED);
  await amendedCard.getByTestId('on-projector').waitFor();
  // The facilitator chooses the other one, then back: only a choice moves it.
  await second.getByTestId('show-proposal').click();
  await screen.getByText('Thank the kitchen crew').waitFor();
  await amendedCard.getByTestId('show-proposal').click();
  await screen.getByTestId('current-text').getByText(AMENDED).waitFor();

  // The vote, for the pictures: by phone, the threshold fixed once it opens.
  await amendedCard.getByLabel('How the room decides', { exact: true }).selectOption('phone');
  await amendedCard.getByRole('button', { name: 'Set how the room decides' }).click();
  await amendedCard.getByRole('button', { name: 'Open the phone vote' }).click();
  await projector.getByTestId('screen-voting').waitFor();
  await vote.getByTestId('needs-code').waitFor();
  await vote.getByTestId('current-text').getByText(AMENDED).waitFor();
  expect(getProposal(plenary.doc, proposalId)!.rule.threshold).toBe('two-thirds');
  await expect(amendedCard.getByTestId('threshold').isDisabled()).resolves.toBe(true);
  // Nothing runs off a 390 px phone (the code form's input once pushed the whole page to 410).
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The join code stays in view at 1280×720 ([R1]), with an announcement up and without.
  const qrBottom = async () => (await projector.getByTestId('join-qr').boundingBox())!;
  const withAnnouncement = await qrBottom();
  expect(withAnnouncement.y + withAnnouncement.height).toBeLessThanOrEqual(720);
  await shoot(projector, 'projector-1280x720-vote-amended-announcement');
  setAnnouncement(plenary.doc, '');
  await projector.getByTestId('announcement').waitFor({ state: 'detached' });
  const without = await qrBottom();
  expect(without.y + without.height).toBeLessThanOrEqual(720);
  await shoot(projector, 'projector-1280x720-vote-amended');
  await shoot(phone, 'phone-390x844-vote-card-amended');
  await console_.getByTestId('proposal').first().scrollIntoViewIfNeeded();
  await shoot(console_, 'console-1366x768-proposal');
  // At 320 px the vote card still fits, the original one tap away.
  await phone.setViewportSize({ width: 320, height: 700 });
  await vote.getByTestId('current-text').getByText(AMENDED).waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await vote.getByTestId('proposal-text').scrollIntoViewIfNeeded();
  await shoot(phone, 'phone-320-vote-card-amended');
  // Nothing on either page is a missing translation.
  for (const page of [projector, phone, console_]) expect(await page.content()).not.toContain('⟦missing⟧');
}, 120_000);
