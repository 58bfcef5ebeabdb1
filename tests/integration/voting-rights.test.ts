/**
 * Voting rights through the real HTTP routes (no JavaScript, cookie jars): codes redeemed once,
 * ballots never above the rights issued, the public link voice-only, opening a vote a server
 * command, refusals that say when to come back.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';

let server: TestServer;
let asm: CreatedAssembly;
let plenary: Client;
let itemId: string;

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
  asm = await createAssembly(server.url, 'Rights hall');
  plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  itemId = addItem(plenary.doc, { title: 'Dues', kind: 'proposal', minutes: 30 });
  goToItem(plenary.doc, itemId, Date.now());
}, 30_000);
afterAll(async () => {
  plenary?.destroy();
  await server?.close();
});

const facilitator = () => new Phone(server.url, asm.facilitatorToken);
const page = () => `/a/${asm.id}?index`;

async function phone(): Promise<Phone> {
  const p = new Phone(server.url);
  expect(await p.join(asm.attendeeToken)).toBe(303);
  return p;
}

async function openVote(text: string): Promise<string> {
  const id = addProposal(plenary.doc, { itemId, text }, Date.now());
  await eventually(async () => expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId: id })).toBe(200));
  await eventually(() => expect(getProposal(plenary.doc, id)!.vote.open).toBe(true));
  return id;
}

it('[V5] a code binds to the first phone that redeems it; no other phone can use it again', async () => {
  const [code] = await issueCodes(facilitator(), asm.id, 1);
  const a = await phone();
  const b = await phone();
  expect(await a.send(page(), { intent: 'redeem', code: code.toLowerCase().replace('-', ' ') })).toBe(303); // typed loosely
  expect(await a.send(page(), { intent: 'redeem', code })).toBe(303); // again on the same phone: still its own
  expect(await b.send(page(), { intent: 'redeem', code })).toBe(409);
  expect(await b.send(page(), { intent: 'redeem', code: 'ZZZZZ-ZZZZZ' })).toBe(404);
  expect(await b.send(page(), { intent: 'redeem', code: 'not a code' })).toBe(400);
  // The personal link redeems nothing by opening it (a link preview cannot burn a code) ...
  const fresh = new Phone(server.url);
  const shown = await fresh.get(`/a/${asm.id}/code?c=${code}`);
  expect(shown.status).toBe(200);
  expect(await shown.text()).not.toContain('Rights hall'); // no session: not even the title
  // ... and pressing its button on a phone with no session yet opens one on the public link.
  const [second] = await issueCodes(facilitator(), asm.id, 1);
  expect(await fresh.send(`/a/${asm.id}/code?c=${second}`, { intent: 'redeem', code: second })).toBe(303);
  const id = await openVote('Raise dues by 1%');
  expect(await fresh.send(page(), { intent: 'vote', proposalId: id, choice: 'for' })).toBe(303);
  expect(await a.send(page(), { intent: 'vote', proposalId: id, choice: 'against' })).toBe(303);
  expect(await a.send(page(), { intent: 'vote', proposalId: id, choice: 'for' })).toBe(409);
  expect(await b.send(page(), { intent: 'vote', proposalId: id, choice: 'for' })).toBe(403);
  expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId: id })).toBe(200);
  await eventually(() => expect(getProposal(plenary.doc, id)).toMatchObject({ counts: { for: 1, against: 1, abstain: 0 }, vote: { cast: 2, closed: true } }));
});

it('[V5][V6] thirty phones racing for three codes: three rights, and never more than three ballots', async () => {
  const codes = await issueCodes(facilitator(), asm.id, 3);
  const phones = await Promise.all(Array.from({ length: 30 }, () => phone()));
  const redeemed = await Promise.all(phones.map((p, i) => p.send(page(), { intent: 'redeem', code: codes[i % 3] })));
  expect(redeemed.filter((s) => s === 303)).toHaveLength(3);
  expect(redeemed.filter((s) => s === 409)).toHaveLength(27);
  const id = await openVote('Affiliate with the federation');
  const votes = await Promise.all(phones.map((p) => p.send(page(), { intent: 'vote', proposalId: id, choice: 'for' })));
  expect(votes.filter((s) => s === 303)).toHaveLength(3);
  expect(votes.filter((s) => s === 403)).toHaveLength(27);
  expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId: id })).toBe(200);
  await eventually(() => expect(getProposal(plenary.doc, id)).toMatchObject({ counts: { for: 3, against: 0, abstain: 0 }, vote: { cast: 3 } }));
});

it('[V8] the public link gives a voice, not a ballot; a voice-only link cannot take a code', async () => {
  const id = await openVote('Hold the picnic in June');
  // Opening the public join link again with no cookie: a fresh session, and still no ballot.
  for (let i = 0; i < 5; i++) expect(await (await phone()).send(page(), { intent: 'vote', proposalId: id, choice: 'for' })).toBe(403);
  const voice = await mintLink(server.url, asm, { role: 'attendee', vote: false } as never);
  const guest = new Phone(server.url);
  expect(await guest.join(voice.token)).toBe(303);
  const [code] = await issueCodes(facilitator(), asm.id, 1);
  expect(await guest.send(page(), { intent: 'redeem', code })).toBe(403);
  expect(await guest.send(page(), { intent: 'vote', proposalId: id, choice: 'for' })).toBe(403);
  // A voice-only guest who opens the public link in the same browser keeps no ballot either.
  expect(await guest.join(asm.attendeeToken)).toBe(303);
  expect(await guest.send(page(), { intent: 'vote', proposalId: id, choice: 'for' })).toBe(403);
  expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId: id })).toBe(200);
  await eventually(() => expect(getProposal(plenary.doc, id)!.vote).toMatchObject({ cast: 0, closed: true }));
});

it('[V9] opening a phone vote is a server command, for facilitators only', async () => {
  const id = addProposal(plenary.doc, { itemId, text: 'Elect a steward' }, Date.now());
  const keeper = await mintLink(server.url, asm, { role: 'stack-keeper' });
  expect(await new Phone(server.url, keeper.token).send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId: id })).toBe(403);
  expect(await (await phone()).send(page(), { intent: 'open-vote', proposalId: id })).toBe(400);
  expect(getProposal(plenary.doc, id)!.vote.open).toBe(false);
  expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId: 'no-such-proposal' })).toBe(409);
  expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId: id })).toBe(200);
  await eventually(() => expect(getProposal(plenary.doc, id)).toMatchObject({ method: 'phone', vote: { open: true, cast: 0 } }));
  expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId: id })).toBe(200);
  expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId: id })).toBe(409); // closed for good
});

it('[K11] a command over the allowance answers 429 with Retry-After and a small page with a way back', async () => {
  const p = await phone();
  let res: Response | null = null;
  for (let i = 0; i < 20; i++) {
    res = await p.post(page(), { intent: 'withdraw', entryId: 'nothing-here' });
    if (res.status === 429) break;
    await res.arrayBuffer();
  }
  expect(res!.status).toBe(429);
  expect(Number(res!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  const body = await res!.text();
  expect(body.length).toBeLessThan(2_000);
  expect(body).toContain('Too many tries');
  expect(body).toContain(`href="/a/${asm.id}"`);
  // With JavaScript (Remix's data request) the page gets the same status and header.
  const data = await fetch(`${server.url}/a/${asm.id}.data?index`, {
    method: 'POST',
    headers: { cookie: (await phoneCookie(p)) ?? '', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'withdraw', entryId: 'nothing-here' }),
  });
  expect(data.status).toBe(429);
  expect(Number(data.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
});

/** The cookie a phone holds, read back through a request it makes. */
async function phoneCookie(p: Phone): Promise<string | null> {
  return (p as unknown as { headers(): Record<string, string> }).headers().cookie ?? null;
}

it('[K11] while the server cannot save, a phone command answers 503 with Retry-After and nothing applied', async () => {
  const p = await phone();
  const original = server.store.appendUpdates.bind(server.store);
  server.store.appendUpdates = async () => {
    throw new Error('disk full');
  };
  try {
    const res = await p.post(page(), { intent: 'raise', name: 'Dana', kind: 'speak' });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = await res.text();
    expect(body.length).toBeLessThan(2_000);
    expect(body).toContain('cannot save right now');
  } finally {
    server.store.appendUpdates = original;
  }
});
