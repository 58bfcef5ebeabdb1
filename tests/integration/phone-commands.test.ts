/**
 * The phone's commands with command ids, through the real HTTP routes: the JSON endpoint the
 * outbox uses and the plain form post give the same answers; one id is one command however often
 * it is sent, on either path; what a crafted request from any role can do there is what that role
 * may do on the page, and nothing it sends is a 500.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';
import { readEntries } from '../../app/model/stack.js';

let server: TestServer;
let asm: CreatedAssembly;
let plenary: Client;
let itemId: string;

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
  asm = await createAssembly(server.url, 'Outbox hall');
  plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  itemId = addItem(plenary.doc, { title: 'Dues', kind: 'proposal', minutes: 30 });
  goToItem(plenary.doc, itemId, Date.now());
}, 30_000);
afterAll(async () => {
  plenary?.destroy();
  await server?.close();
});

const endpoint = () => `/a/${asm.id}/command`;
const page = () => `/a/${asm.id}?index`;
const hands = (name: string) => readEntries(plenary.doc).filter((e) => e.name === name);

async function phone(): Promise<Phone> {
  const p = new Phone(server.url);
  expect(await p.join(asm.attendeeToken)).toBe(303);
  return p;
}

async function answer(
  p: Phone,
  form: Record<string, string>,
): Promise<{ status: number; body: { ok?: boolean; error?: string; phone?: { mine: string[]; voted: string[]; hasRight: boolean } | null } }> {
  const res = await p.post(endpoint(), form);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return { status: res.status, body: await res.json() };
}

it('[N1] the same command id sent twice raises one hand, and both sends get the first answer', async () => {
  const p = await phone();
  const form = { intent: 'raise', name: 'Abdi', kind: 'speak', commandId: 'aaaaaaaaaaaaaaaa1' };
  const [first, second] = await Promise.all([answer(p, form), answer(p, form)]);
  expect(first.status).toBe(200);
  expect(second.status).toBe(200);
  await eventually(() => expect(hands('Abdi')).toHaveLength(1));
  expect(first.body.phone?.mine).toEqual([hands('Abdi')[0].id]);
  // A third send later, as after a lost answer: still once, still the first answer.
  expect((await answer(p, form)).status).toBe(200);
  expect(hands('Abdi')).toHaveLength(1);
  // A new id is a new command: a second open hand of the same kind is refused as before.
  const again = await answer(p, { ...form, commandId: 'aaaaaaaaaaaaaaaa2' });
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ ok: false, error: 'stack.errors.duplicate' });
});

it("[N1] without JavaScript, a form posted twice with its page's command id is one hand (both answers are the redirect)", async () => {
  const p = await phone();
  const html = await (await p.get(page().replace('?index', ''))).text();
  const id = /name="commandId" value="([A-Za-z0-9_-]+)"/.exec(html)?.[1];
  expect(id).toBeTruthy();
  const form = { intent: 'raise', name: 'Bisharo', kind: 'speak', commandId: id! };
  expect(await p.send(page(), form)).toBe(303);
  expect(await p.send(page(), form)).toBe(303);
  expect(hands('Bisharo')).toHaveLength(1);
});

it('[N1] one id is one ballot: a resent vote is answered as the first, a second vote with a new id is refused', async () => {
  const facilitator = new Phone(server.url, asm.facilitatorToken);
  const [code] = await issueCodes(facilitator, asm.id, 1);
  const p = await phone();
  const redeemed = await answer(p, { intent: 'redeem', code, commandId: 'bbbbbbbbbbbbbbbb1' });
  expect(redeemed.status).toBe(200);
  expect(redeemed.body.phone?.hasRight).toBe(true);
  const proposalId = addProposal(plenary.doc, { itemId, text: 'Dues go up' }, Date.now());
  await eventually(async () => expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(200));
  const vote = { intent: 'vote', proposalId, choice: 'for', commandId: 'bbbbbbbbbbbbbbbb2' };
  const first = await answer(p, vote);
  expect(first.status).toBe(200);
  expect(first.body.phone?.voted).toEqual([proposalId]);
  expect((await answer(p, vote)).status).toBe(200);
  // The same id with another choice is still the first command, not a changed vote.
  expect((await answer(p, { ...vote, choice: 'against' })).status).toBe(200);
  const fresh = await answer(p, { ...vote, commandId: 'bbbbbbbbbbbbbbbb3' });
  expect(fresh.status).toBe(409);
  expect(fresh.body.error).toBe('proposals.errors.already');
  await eventually(() => expect(getProposal(plenary.doc, proposalId)?.vote.cast).toBe(1));
  // Another phone cannot ride on this phone's command id (ids are per session).
  const other = await phone();
  const stolen = await answer(other, vote);
  expect(stolen.status).toBe(403);
  expect(stolen.body.error).toBe('proposals.errors.noRight');
});

it("[N1][K6] crafted commands on the endpoint: malformed ids, keeper intents, others' entries, junk — clear 4xx, nothing changed", async () => {
  const p = await phone();
  const before = readEntries(plenary.doc).length;
  const cases: [Record<string, string>, number][] = [
    [{ intent: 'raise', name: 'X', kind: 'speak', commandId: 'short' }, 400],
    [{ intent: 'raise', name: 'X', kind: 'speak', commandId: 'has spaces in it!!' }, 400],
    [{ intent: 'raise', name: 'X', kind: 'speak', commandId: 'x'.repeat(65) }, 400],
    [{ intent: 'next', commandId: 'cccccccccccccccc1' }, 400],
    [{ intent: 'end-round', commandId: 'cccccccccccccccc2' }, 400],
    [{ intent: 'raise', name: '', kind: 'speak' }, 400],
    [{ intent: 'raise', name: 'X', kind: 'filibuster' }, 400],
    [{ intent: 'vote', proposalId: 'nope', choice: 'maybe' }, 400],
    [{ intent: 'nothing' }, 400],
    [{}, 400],
  ];
  for (const [form, status] of cases) {
    const res = await answer(p, form);
    expect({ form, status: res.status }).toEqual({ form, status });
    expect(res.body.ok).toBe(false);
  }
  // Someone else's hand cannot be withdrawn by knowing its id.
  const [abdi] = hands('Abdi');
  const res = await answer(p, { intent: 'withdraw', entryId: abdi.id, commandId: 'cccccccccccccccc3' });
  expect(res.status).toBe(403);
  expect(hands('Abdi')).toHaveLength(1);
  expect(readEntries(plenary.doc).length).toBe(before);
  // A body that is not a form is a 400, not a 500.
  expect((await p.postRaw(endpoint(), '{"intent":"raise"}', 'application/json')).status).toBe(400);
  expect((await p.postRaw(endpoint(), '--x\r\nbroken', 'multipart/form-data; boundary=x')).status).toBe(400);
});

it("[N1] every role's link may send a phone's commands, a reader's and no link at all may not; GET answers the phone's own state", async () => {
  const none = new Phone(server.url);
  expect((await none.post(endpoint(), { intent: 'raise', name: 'Y', kind: 'speak' })).status).toBe(401);
  expect((await none.get(endpoint())).status).toBe(401);
  const keeper = await mintLink(server.url, asm, { role: 'stack-keeper', label: 'Keeper' });
  const reader = await mintLink(server.url, asm, { role: 'reader', label: 'Minutes reader' });
  const k = new Phone(server.url);
  expect(await k.join(keeper.token)).toBe(303);
  const own = await k.get(endpoint());
  expect(own.status).toBe(200);
  expect(await own.json()).toEqual({ phone: { mine: [], seatKey: null, voted: [], hasRight: false } });
  const r = new Phone(server.url);
  expect(await r.join(reader.token)).toBe(303);
  expect((await r.post(endpoint(), { intent: 'raise', name: 'Z', kind: 'speak' })).status).toBe(403);
  expect((await r.get(endpoint())).status).toBe(403);
  // Cross-site posts are refused before any command runs ([W1]).
  const cross = await fetch(`${server.url}${endpoint()}`, {
    method: 'POST',
    headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    body: 'intent=raise&name=E&kind=speak',
  });
  expect(cross.status).toBe(403);
  expect(hands('E')).toHaveLength(0);
});
