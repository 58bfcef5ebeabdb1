/**
 * The issue's ballot test ([V5]–[V8], [K9], [K10]): 400 real phones, each handed a voting code at the desk,
 * and one script that keeps re-joining through the public link for fresh sessions, in the same
 * minute, against a real server process over real HTTP (cookie jars, no JavaScript). Every real
 * voter votes once and raises a hand; the script's ballots count for no more than the two voting
 * rights it holds, and its hands cannot bury the stack.
 */
import { afterAll, expect, it } from 'vitest';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { createAssembly, tempDataDir } from '../helpers/server.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';
import { readStack } from '../../app/model/stack.js';

const REAL = 400;
const SCRIPT_JOINS = 600;
const SCRIPT_RIGHTS = 2;

let server: ChildServer;
let plenary: Client | null = null;
afterAll(async () => {
  plenary?.destroy();
  server?.process.kill('SIGTERM');
  await server?.exited;
});

/** Runs `work` over `items`, at most `width` at a time. */
async function pool<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i], i);
      }
    }),
  );
  return out;
}

it('[V5][V6][V8][K9][K10] 400 real phones and one re-joining script in the same minute: every real voter votes once, the script counts for its two rights', async () => {
  server = await spawnServer(tempDataDir('plenary-opov-'));
  const asm = await createAssembly(server.url, 'Mass meeting');
  plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  const item = addItem(plenary.doc, { title: 'Strike', kind: 'proposal', minutes: 30 });
  goToItem(plenary.doc, item, Date.now());
  const proposalId = addProposal(plenary.doc, { itemId: item, text: 'We strike on Monday' }, Date.now());
  const facilitator = new Phone(server.url, asm.facilitatorToken);
  const codes = await issueCodes(facilitator, asm.id, REAL + SCRIPT_RIGHTS);
  expect(codes).toHaveLength(REAL + SCRIPT_RIGHTS);
  const scriptCodes = codes.slice(REAL);
  await eventually(async () => expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(200));
  const page = `/a/${asm.id}?index`;
  // When each side was at work: the two must overlap (the same minute, not one after the other).
  const span = { script: [Infinity, 0], real: [Infinity, 0] };
  const stamp = (side: 'script' | 'real') => {
    span[side][0] = Math.min(span[side][0], Date.now());
    span[side][1] = Math.max(span[side][1], Date.now());
  };

  // The script: a fresh session every time (no cookie), trying to vote, to raise two hands, and
  // to use its two codes again on every new session.
  const script = { ballots: 0, hands: 0, refused: new Map<number, number>() };
  const note = (status: number) => script.refused.set(status, (script.refused.get(status) ?? 0) + 1);
  const scriptRun = pool(
    Array.from({ length: SCRIPT_JOINS }, (_, i) => i),
    8,
    async (i) => {
      const p = new Phone(server.url);
      stamp('script');
      expect(await p.join(asm.attendeeToken)).toBe(303);
      const redeemed = await p.send(page, { intent: 'redeem', code: scriptCodes[i % SCRIPT_RIGHTS] });
      if (redeemed !== 303) note(redeemed);
      const voted = await p.send(page, { intent: 'vote', proposalId, choice: 'against' });
      if (voted === 303) script.ballots++;
      else note(voted);
      for (const kind of ['speak', 'direct']) {
        const raised = await p.send(page, { intent: 'raise', name: `Bot ${i}`, kind });
        if (raised === 303) script.hands++;
        else note(raised);
      }
      stamp('script');
    },
  );

  // The hall: each person joins by the projector's QR, enters their code, votes and raises a hand.
  const real = pool(
    Array.from({ length: REAL }, (_, i) => i),
    24,
    async (i) => {
      const p = new Phone(server.url);
      stamp('real');
      const steps = [
        await p.join(asm.attendeeToken),
        await p.send(page, { intent: 'redeem', code: codes[i] }),
        await p.send(page, { intent: 'vote', proposalId, choice: i % 4 === 0 ? 'against' : 'for' }),
        await p.send(page, { intent: 'raise', name: `Member ${i}`, kind: 'speak' }),
      ];
      stamp('real');
      return steps;
    },
  );
  const [results] = await Promise.all([real, scriptRun]);

  // Every real phone got through every step: no 429, no refusal.
  const failed = results.map((steps, i) => ({ i, steps })).filter(({ steps }) => steps.some((s) => s !== 303));
  expect(failed).toEqual([]);
  // The script's ballots count for its two rights, no more; it was refused everything else.
  expect(script.ballots).toBeLessThanOrEqual(SCRIPT_RIGHTS);
  expect(script.refused.get(403) ?? 0).toBeGreaterThanOrEqual(SCRIPT_JOINS - SCRIPT_RIGHTS); // no right: no ballot
  expect(script.refused.get(409) ?? 0).toBeGreaterThan(0); // its codes again, or a full stack
  expect(span.script[0]).toBeLessThan(span.real[1]);
  expect(span.real[0]).toBeLessThan(span.script[1]);

  expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId })).toBe(200);
  await eventually(() => {
    const p = getProposal(plenary!.doc, proposalId)!;
    expect(p.vote.closed).toBe(true);
    expect(p.counts.for).toBe(REAL - REAL / 4);
    expect(p.counts.against).toBe(REAL / 4 + script.ballots);
    expect(p.vote.cast).toBe(REAL + script.ballots);
  });
  // Every member's hand is on the stack; the script's fresh sessions hold at most 100 places
  // (and its two rights' sessions one hand per kind each).
  const queue = readStack(plenary.doc).queue;
  expect(queue.filter((e) => e.name.startsWith('Member ')).length).toBe(REAL);
  expect(queue.filter((e) => e.name.startsWith('Bot ')).length).toBeLessThanOrEqual(100 + 2 * SCRIPT_RIGHTS);
}, 120_000);
