/**
 * Deciding and writing it down, in Chromium: a proposal taken to a phone vote by three attendees
 * holding voting codes from the console (and refused to a phone without one and to a voice-only link), the tally on the projector, the outcome recorded; then the
 * minutes drafted, edited and published, read and downloaded by a reader, and published again.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, getProposal, readProposals } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';
import { nextSpeaker, raiseHand } from '../../app/model/stack.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;
let proposalId: string;

const SPEAKER = 'Zephyrine Okonkwo';
const PROPOSER = 'Khadra Warsame';

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Decisions assembly');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  const item = addItem(plenary.doc, { title: 'Strike vote', kind: 'proposal', minutes: 30 });
  goToItem(plenary.doc, item, Date.now());
  raiseHand(plenary.doc, { name: SPEAKER, kind: 'speak' }, Date.now());
  nextSpeaker(plenary.doc, Date.now());
  proposalId = addProposal(plenary.doc, { itemId: item, text: 'We strike on Friday', by: PROPOSER }, Date.now());
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

/** With SCREENSHOTS=1, keeps a picture to look at (screenshots/, not committed). */
async function shoot(page: Page, name: string, part?: Locator): Promise<void> {
  if (!process.env.SCREENSHOTS) return;
  fs.mkdirSync('screenshots', { recursive: true });
  if (part) await part.screenshot({ path: `screenshots/${name}.png` });
  else await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

async function open(token: string, path = '', viewport?: { width: number; height: number }): Promise<Page> {
  const page = await (await h.person(viewport ? { viewport } : {})).newPage();
  await page.goto(`${h.server.url}/join/${token}`);
  if (path) await page.goto(`${h.server.url}/a/${asm.id}${path}`);
  return page;
}

it('[V1][V4][V5][V8] a phone vote with voting codes: the console makes codes, three phones use one each and vote, a phone without a code is told how to get one, the tally on the projector', async () => {
  const console_ = await open(asm.facilitatorToken, '', { width: 1366, height: 768 });
  await waitLive(console_);
  const projector = await open(asm.attendeeToken, '/screen', { width: 1920, height: 1080 });
  await waitLive(projector);
  await projector.getByTestId('screen-proposal').getByText('We strike on Friday').waitFor();

  // The check-in desk's codes: made on the console, read off the printable sheet.
  const rights = console_.getByTestId('voting-rights');
  await rights.getByText('No voting codes yet').waitFor();
  await rights.getByLabel('How many codes').fill('3');
  await rights.getByRole('button', { name: 'Make codes' }).click();
  await rights.getByTestId('codes-issued').getByText('3 new codes made.').waitFor();
  await rights.getByTestId('voting-counts').getByText('3 issued · 0 in use · 0 withdrawn').waitFor();
  await shoot(console_, 'voting-rights-console-laptop', rights);
  const sheet = await console_.context().newPage();
  await sheet.goto(`${h.server.url}/a/${asm.id}/codes`);
  const codes = await sheet.getByTestId('code').allTextContents();
  expect(codes).toHaveLength(3);
  await shoot(sheet, 'voting-codes-sheet-laptop');

  const card = console_.getByTestId('proposal');
  await card.getByLabel('How the room decides', { exact: true }).selectOption('phone');
  await card.getByRole('button', { name: 'Set how the room decides' }).click();
  await card.getByRole('button', { name: 'Open the phone vote' }).click();
  await projector.getByTestId('screen-voting').waitFor();

  // Two phones came in by the projector's QR and type their code; the third scans its slip's QR.
  const phones = await Promise.all([0, 1].map(() => open(asm.attendeeToken)));
  for (const [i, phone] of phones.entries()) {
    await waitLive(phone);
    const needs = phone.getByTestId('needs-code');
    await needs.getByText('To vote you need a voting code').waitFor();
    if (i === 0) await shoot(phone, 'voting-code-phone');
    await needs.getByLabel('Enter your voting code').fill(codes[i].toLowerCase());
    await needs.getByRole('button', { name: 'Use this code' }).click();
  }
  const slip = await (await h.person()).newPage();
  await slip.goto(`${h.server.url}/a/${asm.id}/code?c=${codes[2]}`);
  await slip.getByRole('button', { name: 'Use this code' }).click();
  await slip.waitForURL(new RegExp(`/a/${asm.id}#vote$`));
  phones.push(slip);
  for (const [i, phone] of phones.entries()) {
    await waitLive(phone);
    await phone
      .getByTestId('vote-card')
      .getByRole('button', { name: i < 2 ? 'For' : 'Against' })
      .click();
    await phone.getByTestId('voted').waitFor();
  }
  await shoot(phones[0], 'voted-phone');
  // A phone without a code: no ballot, and told where a code comes from.
  const uncoded = await open(asm.attendeeToken);
  await waitLive(uncoded);
  await uncoded.getByTestId('needs-code').getByText('Get one from the check-in desk').waitFor();
  expect(await uncoded.getByTestId('vote-card').getByRole('button', { name: 'For' }).count()).toBe(0);
  const sneaked = await uncoded
    .context()
    .request.post(`${h.server.url}/a/${asm.id}?index`, { form: { intent: 'vote', proposalId, choice: 'for' }, maxRedirects: 0 });
  expect(sneaked.status()).toBe(403);
  // Someone else's code, already used, does not work on this phone.
  await uncoded.getByTestId('needs-code').getByLabel('Enter your voting code').fill(codes[0]);
  await uncoded.getByTestId('needs-code').getByRole('button', { name: 'Use this code' }).click();
  await uncoded.getByTestId('code-error').getByText('already in use on another phone').waitFor();
  await rights.getByTestId('voting-counts').getByText('3 issued · 3 in use · 0 withdrawn').waitFor();

  // While open, the document shows how many voted, never how.
  await projector.getByTestId('screen-voting').getByText('3 votes cast').waitFor();
  expect(getProposal(plenary.doc, proposalId)!.counts).toEqual({ for: 0, against: 0, abstain: 0 });
  // A second vote from the same phone is refused; so is a voice-only link's.
  const again = await phones[0]
    .context()
    .request.post(`${h.server.url}/a/${asm.id}?index`, { form: { intent: 'vote', proposalId, choice: 'against' }, maxRedirects: 0 });
  expect(again.status()).toBe(409);
  // Scanning the join QR again keeps the same session: still one vote.
  await phones[0].goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await phones[0].getByTestId('voted').waitFor();
  const voice = await mintLink(h.server.url, asm, { role: 'attendee', vote: false } as never);
  const voiceOnly = await open(voice.token);
  await voiceOnly.getByText('Your link lets you speak, not vote.').waitFor();
  const forged = await voiceOnly
    .context()
    .request.post(`${h.server.url}/a/${asm.id}?index`, { form: { intent: 'vote', proposalId, choice: 'for' }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);

  await card.getByRole('button', { name: 'Close the vote and show the result' }).click();
  const tally = projector.getByTestId('screen-proposal').getByTestId('tally');
  await eventually(async () => {
    expect(await tally.locator('[data-choice="for"]').textContent()).toBe('2');
    expect(await tally.locator('[data-choice="against"]').textContent()).toBe('1');
    expect(await tally.locator('[data-choice="abstain"]').textContent()).toBe('0');
  });
  await card.getByTestId('suggestion').getByText('Suggested: carried').waitFor(); // [D10]
  await card.getByTestId('outcome').selectOption('carried');
  await card.getByRole('button', { name: 'Record the outcome' }).click();
  await projector.getByTestId('screen-outcome').getByText('Carried').waitFor();
  await phones[2].getByTestId('outcome-shown').getByText('Carried').waitFor();
  expect(readProposals(plenary.doc)[0]).toMatchObject({ outcome: 'carried', counts: { for: 2, against: 1, abstain: 0 }, vote: { cast: 3, closed: true } });
  // Nothing in the store says who voted how: once closed, only the totals are kept.
  const db = new Database(`${h.dataDir}/plenary.sqlite`, { readonly: true });
  expect(db.prepare('SELECT * FROM votes_cast WHERE proposal_id = ?').all(proposalId)).toEqual([]);
  expect(db.prepare('SELECT state, n_for, n_against, n_abstain FROM votes WHERE proposal_id = ?').get(proposalId)).toEqual({
    state: 'closed',
    n_for: 2,
    n_against: 1,
    n_abstain: 0,
  });
  db.close();
});

it('[V2][V3] the minutes are drafted, edited and published; a reader sees no names and downloads them; version 2 keeps version 1', async () => {
  const editor = await open(asm.facilitatorToken, '/minutes/edit', { width: 1366, height: 900 });
  await editor.getByLabel('How many attended (optional)').fill('3');
  await editor.getByRole('button', { name: 'Make a draft from the assembly' }).click();
  const text = editor.getByLabel('Minutes (Markdown)');
  await eventually(async () => expect(await text.inputValue()).toContain('For 2, Against 1, Abstain 0'));
  const draft = await text.inputValue();
  expect(draft).toContain('## 1. Strike vote');
  expect(draft).toContain('**Outcome: Carried**');
  expect(draft).toContain('3 people attended.');
  for (const name of [SPEAKER, PROPOSER]) expect(draft).not.toContain(name);
  await text.fill(`${draft}\nReviewed by the facilitation team.\n`);
  await editor.getByRole('button', { name: 'Publish' }).click();
  await editor.waitForURL(/\/minutes\?v=1$/);

  const { token } = await mintLink(h.server.url, asm, { role: 'reader', label: 'Published minutes' });
  const reader = await open(token);
  await reader.waitForURL(/\/minutes$/);
  const minutes = reader.getByTestId('minutes');
  await minutes.getByText('Reviewed by the facilitation team.').waitFor();
  const shown = (await minutes.textContent())!;
  expect(shown).toContain('We strike on Friday');
  for (const name of [SPEAKER, PROPOSER]) expect(shown).not.toContain(name);
  const [download] = await Promise.all([reader.waitForEvent('download'), reader.getByRole('link', { name: 'Download as Markdown' }).click()]);
  const md = fs.readFileSync((await download.path())!, 'utf8');
  expect(download.suggestedFilename()).toBe(`minutes-${asm.id}-v1.md`);
  expect(md).toContain('Reviewed by the facilitation team.');
  expect(md).not.toContain(SPEAKER);

  // Publishing again makes version 2; version 1 stays as it was.
  await editor.goto(`${h.server.url}/a/${asm.id}/minutes/edit`);
  const current = await text.inputValue();
  await text.fill(current.replace('Reviewed by the facilitation team.', 'Corrected: the strike starts at 7am.'));
  await editor.getByRole('button', { name: 'Publish' }).click();
  await editor.waitForURL(/\/minutes\?v=2$/);
  await reader.goto(`${h.server.url}/a/${asm.id}/minutes`);
  await reader.getByTestId('minutes').getByText('Corrected: the strike starts at 7am.').waitFor();
  expect(await reader.getByTestId('minutes-version').textContent()).toContain('Version 2');
  await reader.goto(`${h.server.url}/a/${asm.id}/minutes?v=1`);
  await reader.getByTestId('minutes').getByText('Reviewed by the facilitation team.').waitFor();
  expect(await reader.getByTestId('minutes').textContent()).not.toContain('Corrected');
});
