/**
 * The speakers' stack in Chromium: a stack-keeper at the keyboard, attendees on phones (one with
 * JavaScript off), the projector; and forged requests refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, settled, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { readEntries, readStack } from '../../app/model/stack.js';

let h: Harness;
let asm: CreatedAssembly;
let facilitator: Client;
let keeperToken: string;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Stack assembly');
  keeperToken = (await mintLink(h.server.url, asm, { role: 'stack-keeper', label: 'Front table' })).token;
  facilitator = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await facilitator.synced;
  goToItem(facilitator.doc, addItem(facilitator.doc, { title: 'Proposal: strike fund', kind: 'proposal', minutes: 30 }), Date.now());
}, 60_000);
afterAll(async () => {
  facilitator?.destroy();
  await h?.close();
});

const keeperQueue = (page: Page) => page.locator('[data-testid="keeper-queue"] [data-testid="queue-name"]').allTextContents();
const phoneQueue = (page: Page) => page.locator('[data-testid="stack-queue"] > li').allTextContents();

async function attendee(javaScript = true): Promise<Page> {
  const page = await (await h.person({ javaScript })).newPage();
  await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  if (javaScript) await waitLive(page);
  return page;
}

it('[K1][K4][K6][K8] a keeper adds hands by keyboard, a phone raises a point of process to the top, next, next', async () => {
  const keeper = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await keeper.goto(`${h.server.url}/join/${keeperToken}`);
  await waitLive(keeper);
  const projector = await (await h.person({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(`${h.server.url}/join/${asm.attendeeToken}`);
  await projector.goto(`${h.server.url}/a/${asm.id}/screen`);
  await waitLive(projector);
  const phone = await attendee();

  // Three hands from the floor, by keyboard only: the field has focus; 2 makes Chao a direct response.
  await keeper.keyboard.type('Ana');
  await keeper.keyboard.press('Enter');
  await keeper.keyboard.type('Bashir');
  await keeper.keyboard.press('Enter');
  await keeper.keyboard.type('Chao');
  await keeper.keyboard.press('2');
  await keeper.keyboard.press('Enter');
  await eventually(async () => {
    expect(await keeperQueue(keeper)).toEqual(['Chao', 'Ana', 'Bashir']);
  });

  // A phone raises a point of process: it goes to the top everywhere.
  await phone.getByLabel('Your name').fill('Dalia');
  await phone.getByRole('radio', { name: /Point of process/ }).check();
  await phone.getByRole('button', { name: 'Raise my hand' }).click();
  await phone.getByTestId('my-entry').getByText('You are number 1 · Point of process').waitFor();
  await eventually(async () => expect((await keeperQueue(keeper))[0]).toBe('Dalia'));
  await projector.getByTestId('screen-next-up').getByText('Dalia').waitFor();
  expect((await phoneQueue(phone))[0]).toContain('Dalia (you)');

  // Next (Enter on the empty field), then next (the button).
  await keeper.locator('#hand').focus();
  await keeper.keyboard.press('Enter');
  await keeper.getByTestId('keeper-speaker').getByText('Dalia').waitFor();
  await projector.getByTestId('screen-speaker').getByText('Dalia').waitFor();
  await phone.getByTestId('now-speaking').getByText('Dalia').waitFor();
  expect(await phone.getByTestId('my-entry').count()).toBe(0);
  await keeper.getByTestId('next-speaker').click();
  await keeper.getByTestId('keeper-speaker').getByText('Chao').waitFor();
  await projector.getByTestId('screen-speaker').getByText('Chao').waitFor();
  await projector.getByTestId('screen-next-up').getByText('Ana').waitFor();
  // The speaker timer restarted for Chao at the assembly's two minutes.
  await projector.getByTestId('speaker-timer').waitFor();
  // Counts and times: Dalia has spoken once.
  const row = keeper.getByTestId('history').locator('tr', { hasText: 'Dalia' });
  await row.waitFor();
  expect(await row.locator('td').nth(1).textContent()).toBe('1');

  // Names off the projector: the kind shows instead.
  await keeper.getByLabel('Hide names on the projector').check();
  await projector.getByTestId('screen-speaker').getByText('Direct response').waitFor();
  expect(await projector.getByTestId('screen-stack').textContent()).not.toContain('Chao');
  await keeper.getByLabel('Hide names on the projector').uncheck();
});

it('[K6][K11] with JavaScript off an attendee raises and withdraws a hand, and the name is remembered', async () => {
  const phone = await attendee(false);
  await phone.getByLabel('Your name').fill('Efrem');
  await phone.getByRole('button', { name: 'Raise my hand' }).click();
  await phone.getByTestId('my-entry').waitFor();
  expect(await phone.getByTestId('my-entry').textContent()).toContain('To speak');
  expect(await phone.getByLabel('Your name').inputValue()).toBe('Efrem');
  await eventually(() => expect(readStack(facilitator.doc).queue.some((e) => e.name === 'Efrem')).toBe(true));
  await phone.getByRole('button', { name: 'Take my hand down' }).click();
  await phone.waitForLoadState();
  expect(await phone.getByTestId('my-entry').count()).toBe(0);
  await eventually(() => expect(readStack(facilitator.doc).queue.some((e) => e.name === 'Efrem')).toBe(false));
  // A second hand of the same kind while one is up is refused with a reason.
  await phone.getByRole('button', { name: 'Raise my hand' }).click();
  await phone.getByTestId('my-entry').waitFor();
  await phone.getByRole('button', { name: 'Raise my hand' }).click();
  // Without JavaScript a refusal is a small page with the reason and a way back ([K11]).
  expect(await phone.getByRole('alert').textContent()).toBe('You already have a hand up for this.');
  await phone.getByRole('link', { name: 'Back to the page' }).click();
  await phone.getByTestId('my-entry').waitFor();
});

it('[K6] an attendee forging a request for someone else’s hand, or for the stack itself, is refused (403 for the hand, 400 for a keeper’s intent) and changes nothing', async () => {
  const phone = await attendee();
  const before = JSON.stringify(readEntries(facilitator.doc));
  const someoneElses = readStack(facilitator.doc).queue.find((e) => e.name === 'Ana')!;
  const post = (form: Record<string, string>) => phone.context().request.post(`${h.server.url}/a/${asm.id}?index`, { form, maxRedirects: 0 });
  const forged = await post({ intent: 'withdraw', entryId: someoneElses.id });
  expect(forged.status()).toBe(403);
  for (const intent of ['next', 'move', 'close']) expect((await post({ intent, entryId: someoneElses.id })).status()).toBe(400);
  expect((await post({ intent: 'raise', name: '', kind: 'speak' })).status()).toBe(400);
  expect((await post({ intent: 'raise', name: 'Mallory', kind: 'shout' })).status()).toBe(400);
  // Anything the refused posts had changed would be on the server and relayed by now.
  await settled(facilitator);
  expect(JSON.stringify(readEntries(facilitator.doc))).toBe(before);
  // And the session is rate limited: a flood is cut off with 429.
  const statuses: number[] = [];
  for (let i = 0; i < 15; i++) statuses.push((await post({ intent: 'raise', name: `Flood ${i}`, kind: 'info' })).status());
  expect(statuses).toContain(429);
  expect(statuses.filter((s) => s === 303).length).toBeLessThanOrEqual(1);
});

it('[L3][L5] a page carries only its own language’s catalogue, and goes out compressed', async () => {
  const phone = await attendee();
  const res = await phone.context().request.get(`${h.server.url}/a/${asm.id}`, { headers: { 'accept-encoding': 'gzip' } });
  expect(res.headers()['content-encoding']).toBe('gzip');
  const html = await res.text();
  expect(html).toContain('Raise my hand');
  expect(html).not.toContain('Levantar la mano'); // the Spanish catalogue stays on the server
  // [L5] A complete catalogue needs no English fallback: a Spanish page carries no English strings.
  const es = await phone.context().request.get(`${h.server.url}/a/${asm.id}`, { headers: { 'accept-language': 'es' } });
  const spanish = await es.text();
  expect(spanish).toContain('Levantar la mano');
  expect(spanish).not.toContain('Raise my hand');
  expect(spanish).not.toContain('votes cast'); // no English plural forms either (ADR 021)
});
