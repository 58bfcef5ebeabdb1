/**
 * The attendee's HTTP contract against a real server (the built app), both ways a phone sends a
 * command: the page's plain form post (`/a/<id>?index`, no JavaScript) and the outbox's JSON
 * endpoint (`/a/<id>/command`). Each refusal is checked by its status AND by the document staying
 * as it was, so removing the check behind it fails here, not only in the browser suite.
 */
import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/clients.js';
import { mintLink } from '../helpers/server.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import { useRoom } from '../helpers/room.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';
import { readEntries } from '../../app/model/stack.js';

const room = useRoom('Contract hall');

/** One way of sending a phone's command, with how it answers success. */
interface Path {
  name: string;
  url: (id: string) => string;
  ok: number;
}
const PATHS: Path[] = [
  { name: 'plain form post', url: (id) => `/a/${id}?index`, ok: 303 },
  { name: 'command endpoint', url: (id) => `/a/${id}/command`, ok: 200 },
];

async function phoneOn(token = room.asm.attendeeToken): Promise<Phone> {
  const p = new Phone(room.server.url);
  expect(await p.join(token)).toBe(303);
  return p;
}

const facilitator = () => new Phone(room.server.url, room.asm.facilitatorToken);
const hands = (name: string) => readEntries(room.plenary.doc).filter((e) => e.name === name && e.status === 'waiting');

/** The current item, made once: hands are raised on it. */
let itemId: string | null = null;
function currentItem(): string {
  if (!itemId) {
    itemId = addItem(room.plenary.doc, { title: 'Contract', kind: 'proposal', minutes: 30 });
    goToItem(room.plenary.doc, itemId, Date.now());
  }
  return itemId;
}

/** A proposal with a phone vote open on it, as the server (not the facilitator's socket) says. */
async function openVote(text: string): Promise<string> {
  const id = addProposal(room.plenary.doc, { itemId: currentItem(), text }, Date.now());
  await eventually(async () => expect(await facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'open-vote', proposalId: id })).toBe(200));
  await eventually(() => expect(getProposal(room.plenary.doc, id)!.vote.open).toBe(true));
  return id;
}

/** Sends one command and gives the status and, from the JSON endpoint, the refusal's key. */
async function send(p: Phone, path: Path, form: Record<string, string>): Promise<{ status: number; error?: string }> {
  const res = await p.post(path.url(room.asm.id), form);
  const body = await res.text();
  if (!res.headers.get('content-type')?.includes('application/json')) return { status: res.status };
  return { status: res.status, error: (JSON.parse(body) as { error?: string }).error };
}

/**
 * The hand raised last is in the document once the server's write has come back over the
 * facilitator's socket: a positive event that orders every earlier change before it.
 */
async function barrier(p: Phone, path: Path, label: string): Promise<void> {
  expect((await send(p, path, { intent: 'raise', name: label, kind: 'info' })).status).toBe(path.ok);
  await eventually(() => expect(hands(label)).toHaveLength(1));
}

describe.each(PATHS)('the attendee’s commands by $name', (path) => {
  it('[K6] withdrawing another phone’s hand is 403 and the hand stays; a keeper’s intents are refused', async () => {
    currentItem();
    const owner = await phoneOn();
    const name = `Owner ${path.name}`;
    expect((await send(owner, path, { intent: 'raise', name, kind: 'speak' })).status).toBe(path.ok);
    await eventually(() => expect(hands(name)).toHaveLength(1));
    const [entry] = hands(name);
    const mallory = await phoneOn();
    expect(await send(mallory, path, { intent: 'withdraw', entryId: entry.id })).toMatchObject({ status: 403 });
    for (const intent of ['next', 'move', 'close']) expect((await send(mallory, path, { intent, entryId: entry.id })).status).toBe(400);
    // The owner's later hand is seen, so the refused withdrawal had its chance to land before it.
    await barrier(owner, path, `Barrier ${path.name} 1`);
    expect(hands(name)).toEqual([entry]);
    // The owner may.
    expect((await send(owner, path, { intent: 'withdraw', entryId: entry.id })).status).toBe(path.ok);
    await eventually(() => expect(hands(name)).toEqual([]));
  });

  it('[K6] a second waiting hand of the same kind is 409; one of another kind is taken', async () => {
    currentItem();
    const p = await phoneOn();
    const name = `Twice ${path.name}`;
    expect((await send(p, path, { intent: 'raise', name, kind: 'speak' })).status).toBe(path.ok);
    await eventually(() => expect(hands(name)).toHaveLength(1));
    expect(await send(p, path, { intent: 'raise', name, kind: 'speak' })).toMatchObject(
      path.ok === 200 ? { status: 409, error: 'stack.errors.duplicate' } : { status: 409 },
    );
    expect((await send(p, path, { intent: 'raise', name, kind: 'direct' })).status).toBe(path.ok);
    await eventually(() =>
      expect(
        hands(name)
          .map((e) => e.kind)
          .sort(),
      ).toEqual(['direct', 'speak']),
    );
  });

  it('[K9][K11] a flood from one phone is cut off with 429 and Retry-After; what is refused is not applied', async () => {
    currentItem();
    const p = await phoneOn();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 15; i++) {
      const res = await p.post(path.url(room.asm.id), { intent: 'raise', name: `Flood ${path.name} ${i}`, kind: 'info' });
      await res.arrayBuffer();
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // One hand of a kind is taken; the rest are duplicates (409) until the allowance runs out (429).
    expect(statuses.filter((s) => s === path.ok)).toHaveLength(1);
    expect(statuses.slice(statuses.indexOf(429)).every((s) => s === 429)).toBe(true);
    const flooded = await phoneOn();
    await barrier(flooded, path, `Barrier ${path.name} 2`);
    expect(readEntries(room.plenary.doc).filter((e) => e.name.startsWith(`Flood ${path.name}`))).toHaveLength(1);
  });

  it('[V4][V8][V11] a voice-only link is refused a ballot (403) even in a browser holding a voting right, and a voting code too', async () => {
    const [code, spare] = await issueCodes(facilitator(), room.asm.id, 2);
    const p = await phoneOn();
    // The right is taken on the public link ...
    expect((await send(p, path, { intent: 'redeem', code })).status).toBe(path.ok);
    const voice = await mintLink(room.server.url, room.asm, { role: 'attendee', vote: false } as never);
    // ... and the same browser then opens a voice-only link: its session (and right) is kept ([V11]),
    // but what it may do is the new link's.
    expect(await p.join(voice.token)).toBe(303);
    const proposalId = await openVote(`Voice only ${path.name}`);
    expect(await send(p, path, { intent: 'vote', proposalId, choice: 'for' })).toMatchObject(
      path.ok === 200 ? { status: 403, error: 'proposals.errors.voiceOnly' } : { status: 403 },
    );
    expect(await send(p, path, { intent: 'redeem', code: spare })).toMatchObject(
      path.ok === 200 ? { status: 403, error: 'voting.errors.voiceOnly' } : { status: 403 },
    );
    // A voice-only phone with no right at all is refused the code as well.
    const guest = await phoneOn(voice.token);
    expect((await send(guest, path, { intent: 'redeem', code: spare })).status).toBe(403);
    // Back on the public link, the kept right votes: the refusals above were the link's, not the right's.
    expect(await p.join(room.asm.attendeeToken)).toBe(303);
    expect((await send(p, path, { intent: 'vote', proposalId, choice: 'against' })).status).toBe(path.ok);
    await eventually(() => expect(getProposal(room.plenary.doc, proposalId)!.vote.cast).toBe(1));
    expect(await facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'close-vote', proposalId })).toBe(200);
    await eventually(() =>
      expect(getProposal(room.plenary.doc, proposalId)).toMatchObject({ counts: { for: 0, against: 1, abstain: 0 }, vote: { cast: 1, closed: true } }),
    );
    // The spare code was never bound: it still redeems on another phone.
    expect((await send(await phoneOn(), path, { intent: 'redeem', code: spare })).status).toBe(path.ok);
  });

  it('[V4] a ballot after the vote closed is 409 and changes no count', async () => {
    const [code] = await issueCodes(facilitator(), room.asm.id, 1);
    const late = await phoneOn();
    expect((await send(late, path, { intent: 'redeem', code })).status).toBe(path.ok);
    const proposalId = await openVote(`Closed ${path.name}`);
    expect(await facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'close-vote', proposalId })).toBe(200);
    await eventually(() => expect(getProposal(room.plenary.doc, proposalId)!.vote.closed).toBe(true));
    expect(await send(late, path, { intent: 'vote', proposalId, choice: 'for' })).toMatchObject(
      path.ok === 200 ? { status: 409, error: 'proposals.errors.closed' } : { status: 409 },
    );
    // Nor can a facilitator reopen it for the latecomer.
    expect(await facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(409);
    expect(await send(late, path, { intent: 'vote', proposalId, choice: 'for' })).toMatchObject({ status: 409 });
    await barrier(await phoneOn(), path, `Barrier ${path.name} 3`);
    expect(getProposal(room.plenary.doc, proposalId)).toMatchObject({ counts: { for: 0, against: 0, abstain: 0 }, vote: { cast: 0, closed: true } });
  });
});
