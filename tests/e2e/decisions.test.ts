/**
 * Deciding and writing it down, in Chromium: a proposal taken to a phone vote by three attendees
 * (and refused to a voice-only link), the tally on the projector, the outcome recorded; then the
 * minutes drafted, edited and published, read and downloaded by a reader, and published again.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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

async function open(token: string, path = '', viewport?: { width: number; height: number }): Promise<Page> {
  const page = await (await h.person(viewport ? { viewport } : {})).newPage();
  await page.goto(`${h.server.url}/join/${token}`);
  if (path) await page.goto(`${h.server.url}/a/${asm.id}${path}`);
  return page;
}

it('[V1][V4] a phone vote with three attendees: one vote each, secret until closed, the tally on the projector, the outcome recorded', async () => {
  const console_ = await open(asm.facilitatorToken, '', { width: 1366, height: 900 });
  await waitLive(console_);
  const projector = await open(asm.attendeeToken, '/screen', { width: 1920, height: 1080 });
  await waitLive(projector);
  await projector.getByTestId('screen-proposal').getByText('We strike on Friday').waitFor();

  const card = console_.getByTestId('proposal');
  await card.getByLabel('How the room decides').selectOption('phone');
  await card.getByRole('button', { name: 'Open the phone vote' }).click();
  await projector.getByTestId('screen-voting').waitFor();

  const phones = await Promise.all([0, 1, 2].map(() => open(asm.attendeeToken)));
  for (const [i, phone] of phones.entries()) {
    await waitLive(phone);
    await phone.getByTestId('vote-card').getByRole('button', { name: i < 2 ? 'For' : 'Against' }).click();
    await phone.getByTestId('voted').waitFor();
  }
  // While open, the document shows how many voted, never how.
  await projector.getByTestId('screen-voting').getByText('3 votes cast').waitFor();
  expect(getProposal(plenary.doc, proposalId)!.counts).toEqual({ for: 0, against: 0, abstain: 0 });
  // A second vote from the same phone is refused; so is a voice-only link's.
  const again = await phones[0].context().request.post(`${h.server.url}/a/${asm.id}?index`, { form: { intent: 'vote', proposalId, choice: 'against' }, maxRedirects: 0 });
  expect(again.status()).toBe(409);
  // Scanning the join QR again keeps the same session: still one vote.
  await phones[0].goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await phones[0].getByTestId('voted').waitFor();
  const voice = await mintLink(h.server.url, asm, { role: 'attendee', vote: false } as never);
  const voiceOnly = await open(voice.token);
  await voiceOnly.getByText('Your link lets you speak, not vote.').waitFor();
  const forged = await voiceOnly.context().request.post(`${h.server.url}/a/${asm.id}?index`, { form: { intent: 'vote', proposalId, choice: 'for' }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);

  await card.getByRole('button', { name: 'Close the vote and show the result' }).click();
  const tally = projector.getByTestId('screen-proposal').getByTestId('tally');
  await eventually(async () => {
    expect(await tally.locator('[data-choice="for"]').textContent()).toBe('2');
    expect(await tally.locator('[data-choice="against"]').textContent()).toBe('1');
    expect(await tally.locator('[data-choice="abstain"]').textContent()).toBe('0');
  });
  await card.getByText('The counts say: Carried').waitFor();
  await card.getByTestId('outcome').selectOption('carried');
  await projector.getByTestId('screen-outcome').getByText('Carried').waitFor();
  await phones[2].getByTestId('outcome-shown').getByText('Carried').waitFor();
  expect(readProposals(plenary.doc)[0]).toMatchObject({ outcome: 'carried', counts: { for: 2, against: 1, abstain: 0 }, vote: { cast: 3, closed: true } });
  // Nothing in the store says who voted how: ballots hold only opaque voter keys, tallies only counts.
  const db = new Database(`${h.dataDir}/plenary.sqlite`, { readonly: true });
  const ballots = db.prepare('SELECT * FROM ballots WHERE proposal_id = ?').all(proposalId) as Record<string, unknown>[];
  expect(ballots).toHaveLength(3);
  for (const b of ballots) expect(Object.keys(b).sort()).toEqual(['assembly_id', 'proposal_id', 'voter']);
  expect(db.prepare('SELECT choice, n FROM tallies WHERE proposal_id = ? ORDER BY choice').all(proposalId)).toEqual([
    { choice: 'against', n: 1 },
    { choice: 'for', n: 2 },
  ]);
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
