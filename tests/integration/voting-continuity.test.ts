/**
 * One person, one vote across the room's ordinary accidents, through the real HTTP routes (no
 * JavaScript, cookie jars): a code reported lost and replaced mid-vote ([V10]), the public join
 * link replaced after its QR leaked ([V11]), a facilitator opening a vote again while a phone's
 * ballot finds it uncounted after a restart ([V12]), and counts under "phone vote" that no
 * closed vote produced ([V13]).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import type { Store } from '../../server/storage/store.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, getProposal, openVote, proposalsMap, setOutcome } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';

let server: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
}, 30_000);
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

/** A fresh assembly with one current item, its plenary document synced to a facilitator. */
async function hall(title: string): Promise<{ asm: CreatedAssembly; doc: Y.Doc; itemId: string; facilitator: Phone }> {
  const asm = await createAssembly(server.url, title);
  const plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  clients.push(plenary);
  await plenary.synced;
  const itemId = addItem(plenary.doc, { title: 'Motions', kind: 'proposal', minutes: 30 });
  goToItem(plenary.doc, itemId, Date.now());
  return { asm, doc: plenary.doc, itemId, facilitator: new Phone(server.url, asm.facilitatorToken) };
}

async function joined(token: string): Promise<Phone> {
  const p = new Phone(server.url);
  expect(await p.join(token)).toBe(303);
  return p;
}

const page = (asm: CreatedAssembly) => `/a/${asm.id}?index`;
const console_ = (asm: CreatedAssembly) => `/a/${asm.id}/facilitate`;

async function openedVote(h: Awaited<ReturnType<typeof hall>>, text: string): Promise<string> {
  const id = addProposal(h.doc, { itemId: h.itemId, text }, Date.now());
  await eventually(async () => expect(await h.facilitator.send(console_(h.asm), { intent: 'open-vote', proposalId: id })).toBe(200));
  await eventually(() => expect(getProposal(h.doc, id)!.vote.open).toBe(true));
  return id;
}

/** A change applied on the server's copy of a document, as a command is (not from any socket). */
async function onServer(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
  const room = await server.rooms.acquire(parseDocName(docName)!);
  try {
    room.doc.transact(() => change(room.doc), 'command');
    await room.flush();
  } finally {
    server.rooms.release(room);
  }
}

it('[V10] a phone that voted, reported its code lost and redeemed a new one cannot vote again in that vote; in the next vote it votes once', async () => {
  const h = await hall('Lost codes');
  const [first, second] = await issueCodes(h.facilitator, h.asm.id, 2);
  const phone = await joined(h.asm.attendeeToken);
  expect(await phone.send(page(h.asm), { intent: 'redeem', code: first })).toBe(303);
  const id = await openedVote(h, 'Buy a new banner');
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: id, choice: 'for' })).toBe(303);
  // "I lost my code": the desk withdraws number 1 and hands the same person a new slip.
  expect(await h.facilitator.send(console_(h.asm), { intent: 'revoke-right', number: '1' })).toBe(200);
  expect(await phone.send(page(h.asm), { intent: 'redeem', code: second })).toBe(303);
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: id, choice: 'for' })).toBe(409);
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: id, choice: 'against' })).toBe(409);
  expect(await h.facilitator.send(console_(h.asm), { intent: 'close-vote', proposalId: id })).toBe(200);
  await eventually(() => expect(getProposal(h.doc, id)).toMatchObject({ counts: { for: 1, against: 0, abstain: 0 }, vote: { cast: 1, closed: true } }));
  // The new code is a right like any other from the next vote on.
  const next = await openedVote(h, 'Paint it red');
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: next, choice: 'against' })).toBe(303);
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: next, choice: 'against' })).toBe(409);
  expect(await h.facilitator.send(console_(h.asm), { intent: 'close-vote', proposalId: next })).toBe(200);
  await eventually(() => expect(getProposal(h.doc, next)).toMatchObject({ counts: { for: 0, against: 1, abstain: 0 }, vote: { cast: 1 } }));
  // The console says what a withdrawal does and does not do.
  const shown = await (await h.facilitator.get(console_(h.asm))).text();
  expect(shown).toContain('does not take back a ballot already cast');
});

it('[V11] replacing the public join link keeps every phone its voting right; a code stays bound to its phone', async () => {
  const h = await hall('Leaked QR');
  const [mine, other] = await issueCodes(h.facilitator, h.asm.id, 2);
  const phone = await joined(h.asm.attendeeToken);
  expect(await phone.send(page(h.asm), { intent: 'redeem', code: mine })).toBe(303);
  const before = await openedVote(h, 'Meet on Thursdays');
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: before, choice: 'for' })).toBe(303);

  // The QR leaked: a facilitator mints a new attendee link, then revokes the old one.
  const fresh = await mintLink(server.url, h.asm, { role: 'attendee' });
  const links = (await (
    await fetch(`${server.url}/api/assemblies/${h.asm.id}/links`, { headers: { authorization: `Bearer ${h.asm.facilitatorToken}` } })
  ).json()) as {
    links: { id: string; role: string; revokedAt: string | null }[];
  };
  const old = links.links.find((l) => l.role === 'attendee' && l.revokedAt === null && l.id !== fresh.id)!;
  const revoked = await fetch(`${server.url}/api/assemblies/${h.asm.id}/links/${old.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${h.asm.facilitatorToken}` },
  });
  expect(revoked.status).toBe(204);
  // The old session opens nothing any more ...
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: before, choice: 'against' })).not.toBe(303);
  // ... and the same browser scanning the new QR keeps its right.
  expect(await phone.join(fresh.token)).toBe(303);
  // Its page knows it: "your vote is counted" in the open vote, not "you need a code".
  const shown = await (await phone.get(`/a/${h.asm.id}`)).text();
  expect(shown).toContain('data-testid="voted"');
  expect(shown).not.toContain('data-testid="needs-code"');
  expect(await phone.send(page(h.asm), { intent: 'redeem', code: mine })).toBe(303); // still its own
  // It voted in the open vote already: not again.
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: before, choice: 'against' })).toBe(409);
  // Its code does not move to another phone, and the roll still counts it in use, once.
  const stranger = await joined(fresh.token);
  expect(await stranger.send(page(h.asm), { intent: 'redeem', code: mine })).toBe(409);
  expect(await stranger.send(page(h.asm), { intent: 'redeem', code: other })).toBe(303);
  expect(await stranger.send(page(h.asm), { intent: 'vote', proposalId: before, choice: 'against' })).toBe(303);
  expect(await server.store.countRights(h.asm.id)).toEqual({ issued: 2, redeemed: 2, revoked: 0 });
  expect(await h.facilitator.send(console_(h.asm), { intent: 'close-vote', proposalId: before })).toBe(200);
  await eventually(() => expect(getProposal(h.doc, before)).toMatchObject({ counts: { for: 1, against: 1, abstain: 0 }, vote: { cast: 2 } }));
  // The next vote: the phone votes through the new link, once.
  const after = await openedVote(h, 'Meet on Fridays');
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: after, choice: 'abstain' })).toBe(303);
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: after, choice: 'abstain' })).toBe(409);
  // Knowing the assembly's id is not a way in past the new link: a wrong code on the slip page
  // hands out no session.
  const outsider = new Phone(server.url);
  const tried = await outsider.post(`/a/${h.asm.id}/code`, { intent: 'redeem', code: 'ZZZZZ-ZZZZZ' });
  expect(tried.status).toBe(404);
  expect(tried.headers.getSetCookie()).toEqual([]);
  expect((await outsider.get(`/a/${h.asm.id}`)).status).toBe(401);
  // A fresh browser on the new link (no cookie) still gets a voice, never a ballot ([V8]).
  expect(await (await joined(fresh.token)).send(page(h.asm), { intent: 'vote', proposalId: after, choice: 'for' })).toBe(403);
  expect(await h.facilitator.send(console_(h.asm), { intent: 'close-vote', proposalId: after })).toBe(200);
  await eventually(() => expect(getProposal(h.doc, after)).toMatchObject({ counts: { for: 0, against: 0, abstain: 1 }, vote: { cast: 1 } }));
});

it('[V12] "open vote" pressed while a phone\'s ballot finds the vote uncounted after a restart: the vote is counted, never left void under it', async () => {
  const h = await hall('Restart race');
  const [code] = await issueCodes(h.facilitator, h.asm.id, 1);
  const phone = await joined(h.asm.attendeeToken);
  expect(await phone.send(page(h.asm), { intent: 'redeem', code })).toBe(303);
  // As after a restart: the document still says open, the store says void, nobody counts it.
  let id = '';
  await onServer(`${h.asm.id}/plenary`, (doc) => {
    id = addProposal(doc, { itemId: h.itemId, text: 'Elect a treasurer' }, Date.now());
    openVote(doc, id);
  });
  await server.store.openBallot(h.asm.id, id);
  await server.store.voidBallot(h.asm.id, id);

  // The interleaving: the ballot's settle reads the vote's state; the facilitator's press opens
  // it in the store; only then does the settle go on.
  const store = server.store as Store;
  const { ballotState, openBallot } = store;
  let readState: () => void = () => {};
  const stateRead = new Promise<void>((resolve) => (readState = resolve));
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  store.ballotState = async (assemblyId, proposalId) => {
    const state = await ballotState.call(store, assemblyId, proposalId);
    if (assemblyId === h.asm.id && proposalId === id) {
      readState();
      await released;
    }
    return state;
  };
  store.openBallot = async (assemblyId, proposalId) => {
    const opened = await openBallot.call(store, assemblyId, proposalId);
    release();
    // Everything the settle does next happens before this press goes on.
    await new Promise((resolve) => setImmediate(resolve));
    return opened;
  };
  try {
    const ballot = phone.send(page(h.asm), { intent: 'vote', proposalId: id, choice: 'for' });
    await stateRead;
    expect(await h.facilitator.send(console_(h.asm), { intent: 'open-vote', proposalId: id })).toBe(200);
    expect(await ballot).toBe(409); // pressed while nobody counted it
  } finally {
    store.ballotState = ballotState;
    store.openBallot = openBallot;
  }
  expect((await server.store.ballotState(h.asm.id, id))!.state).toBe('open');
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: id, choice: 'for' })).toBe(303);
  expect(await h.facilitator.send(console_(h.asm), { intent: 'close-vote', proposalId: id })).toBe(200);
  await eventually(() => expect(getProposal(h.doc, id)).toMatchObject({ counts: { for: 1, against: 0, abstain: 0 }, vote: { cast: 1, closed: true } }));
});

it('[V13] counts under "phone vote" that no closed vote produced are no result: not on the phones, the projector or the minutes', async () => {
  const h = await hall('Forged result');
  const phone = await joined(h.asm.attendeeToken);
  // Written straight into the server's copy (whatever let it in): a phone vote that never
  // closed, with numbers and an outcome.
  let forged = '';
  await onServer(`${h.asm.id}/plenary`, (doc) => {
    forged = addProposal(doc, { itemId: h.itemId, text: 'Dissolve the union' }, Date.now());
    const map = proposalsMap(doc).get(forged) as Y.Map<unknown>;
    map.set('method', 'phone');
    map.set('counts', { for: 412, against: 3, abstain: 1 });
    map.set('vote', { open: false, cast: 0, closed: false, interrupted: true });
    setOutcome(doc, forged, 'carried', Date.now());
  });
  await eventually(() => expect(getProposal(h.doc, forged)!.counts.for).toBe(412));
  const shows = async (path: string) => (await (await phone.get(path)).text()).includes('data-testid="tally"');
  expect(await shows(`/a/${h.asm.id}`)).toBe(false);
  expect(await shows(`/a/${h.asm.id}/screen`)).toBe(false);
  const draft = await (await h.facilitator.post(`/a/${h.asm.id}/minutes/edit`, { intent: 'draft', attendance: '' })).text();
  expect(draft).toContain('no result (the vote was not closed)');
  expect(draft).not.toMatch(/For 412/);

  // A phone vote the server closed shows its counts everywhere.
  const [code] = await issueCodes(h.facilitator, h.asm.id, 1);
  expect(await phone.send(page(h.asm), { intent: 'redeem', code })).toBe(303);
  const real = await openedVote(h, 'Keep the union');
  expect(await phone.send(page(h.asm), { intent: 'vote', proposalId: real, choice: 'for' })).toBe(303);
  expect(await h.facilitator.send(console_(h.asm), { intent: 'close-vote', proposalId: real })).toBe(200);
  await eventually(() => expect(getProposal(h.doc, real)!.vote.closed).toBe(true));
  expect(await shows(`/a/${h.asm.id}`)).toBe(true);
  expect(await shows(`/a/${h.asm.id}/screen`)).toBe(true);
  const closed = await (await h.facilitator.post(`/a/${h.asm.id}/minutes/edit`, { intent: 'draft', attendance: '' })).text();
  expect(closed).toMatch(/For 1, Against 0, Abstain 0/);
});
