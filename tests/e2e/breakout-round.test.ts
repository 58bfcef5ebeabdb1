/**
 * A whole breakout round in Chromium: the facilitator plans it on the console, the phones find
 * their tables, a note-taker writes the report-back, a message goes to every table, the round
 * ends and the report-back arrives on the stack and the projector.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { nextSpeaker, readStack } from '../../app/model/stack.js';
import { readRound } from '../../app/model/breakouts.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Round assembly');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  goToItem(plenary.doc, addItem(plenary.doc, { title: 'Breakouts by language', kind: 'breakout', minutes: 30 }), Date.now());
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

it('[BR1][BR2][BR6] assign, start, broadcast, end: the report-backs arrive on the stack and the projector', async () => {
  const console_ = await (await h.person({ viewport: { width: 1366, height: 900 } })).newPage();
  await console_.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  await waitLive(console_);
  const projector = await (await h.person({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await projector.goto(`${h.server.url}/a/${asm.id}/screen`);
  await waitLive(projector);
  const phone = await (await h.person()).newPage();
  await phone.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await waitLive(phone);

  // Plan: tables by language.
  const form = console_.getByTestId('round-form');
  await form.getByLabel('Questions for the tables').fill('What is your workplace ready to do?\nWhat do you need from the others?');
  await form.getByLabel('Minutes').fill('20');
  await form.getByLabel('How people find their table').selectOption('language');
  await form.getByLabel('Languages, one table each').fill('Español\nSoomaali\nEnglish');
  await form.getByRole('button', { name: 'Plan the round' }).click();
  await console_.getByRole('button', { name: 'Start the round' }).click();
  await projector.getByTestId('screen-tables').locator('li').nth(2).waitFor();
  expect(await projector.getByTestId('screen-tables').textContent()).toContain('Soomaali');

  // The phone picks the Somali table with one tap.
  await phone.getByRole('button', { name: '2 · Soomaali' }).click();
  await phone.getByTestId('my-table').getByText('Table 2 · Soomaali').waitFor();
  // A facilitator moves people by hand: table 2 merged into table 3 (no names needed or kept).
  const tile = (n: number) => console_.locator(`[data-testid^="tile-"][data-testid$="-t${n}"]`);
  await eventually(async () => expect(await tile(2).getByTestId('tile-written').textContent()).toContain('1 person'));
  await tile(2).getByLabel('Move everyone at table 2 to').selectOption({ label: 'Table 3 · English' });
  await tile(2).getByRole('button', { name: 'Move table 2' }).click();
  await phone.getByTestId('my-table').getByText('Table 3 · English').waitFor();
  expect(JSON.stringify(readRound(plenary.doc)!.members)).not.toContain('Soomaali');

  // Note-taker links for every table; table 2's note-taker writes the report-back.
  await console_.getByRole('button', { name: 'Note-taker links for every table' }).click();
  const links = console_.getByTestId('table-link');
  await links.nth(2).waitFor();
  const table2 = (await links.nth(1).textContent())!;
  const noteTaker = await (await h.person()).newPage();
  await noteTaker.goto(table2);
  await noteTaker.waitForURL(/\/breakout\/[A-Za-z0-9_-]+-t2$/);
  await waitLive(noteTaker);
  await noteTaker.getByLabel('Your name (shown at your cursor to the other note-takers)').fill('Hodan');
  await noteTaker.getByTestId('report-editor').click();
  await noteTaker.keyboard.type('Strike fund by Friday');
  await tile(2).getByTestId('tile-report').getByText('Strike fund by Friday').waitFor();
  await eventually(async () => expect(await tile(2).getByTestId('tile-note-takers').textContent()).toBe('1 note-taker here'));

  // A message to every table.
  await console_.getByLabel('Message to every table').fill('5 minutes left');
  await console_.getByRole('button', { name: 'Send' }).click();
  for (const page of [phone, projector, noteTaker]) await page.getByTestId('round-message').getByText('5 minutes left').waitFor();

  // End: the report-back is on the stack, in table order, and shows while that table speaks.
  await eventually(async () => expect(await noteTaker.getByTestId('saved').getAttribute('data-saved')).toBe('server'));
  await console_.getByRole('button', { name: 'End the round and take report-backs' }).click();
  await console_.getByRole('dialog').getByRole('button', { name: 'End the round now' }).click(); // early: it asks first [G6]
  await console_.getByTestId('round-ended').getByText('1 report-back is on the stack.').waitFor();
  await eventually(() =>
    expect(readStack(plenary.doc).queue.map((e) => [e.kind, e.name, e.text])).toEqual([['report', '2 · Soomaali', 'Strike fund by Friday']]),
  );
  await projector.getByTestId('screen-next-up').getByText('Table 2 · Soomaali').waitFor();
  nextSpeaker(plenary.doc, Date.now());
  await projector.getByTestId('screen-report').getByText('Strike fund by Friday').waitFor();
  expect(await phone.getByTestId('my-table').count()).toBe(0); // the round is over
});
