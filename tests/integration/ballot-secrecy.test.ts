/**
 * No byte on disk pairs a ballot with a choice ([V6], [V7]): a real server process, 24 phones
 * holding voting codes, a vote open, then closed, then another abandoned by `kill -9`; after each,
 * a search of the database files' bytes (plenary.sqlite, -wal, -shm), as an attacker who seized
 * the data folder would read them.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { createAssembly, databaseBytes, tempDataDir } from '../helpers/server.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';

const dataDir = tempDataDir('plenary-ballots-');
let server: ChildServer;
let plenary: Client | null = null;
afterAll(async () => {
  plenary?.destroy();
  server?.process.kill('SIGTERM');
  await server?.exited;
});

const dbBytes = () => databaseBytes(dataDir);

/**
 * How many times a choice is written anywhere in the files. The schema's column names
 * (`n_against`) are not a choice, and may be copied into the WAL with the page that holds them.
 */
function choicesOnDisk(): number {
  const bytes = dbBytes();
  let n = 0;
  for (const word of ['against', 'abstain']) {
    const needle = Buffer.from(word);
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) if (bytes[at - 1] !== 0x5f /* _ */) n++;
  }
  return n;
}

/** What the store keeps per right: nothing but whether a phone holds it, and which rights voted. */
function storedVoterRows(): { casts: unknown[]; holders: string[] } {
  const db = new Database(path.join(dataDir, 'plenary.sqlite'), { readonly: true });
  try {
    return {
      casts: db.prepare('SELECT * FROM votes_cast').all(),
      holders: (db.prepare('SELECT holder FROM voting_rights WHERE holder IS NOT NULL').all() as { holder: string }[]).map((r) => r.holder),
    };
  } finally {
    db.close();
  }
}

it('[V6][V7] open, closed or killed mid-vote: no voter key next to a choice in the database files, and a killed vote is void', async () => {
  server = await spawnServer(dataDir);
  const asm = await createAssembly(server.url, 'Quiet hall');
  plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  const item = addItem(plenary.doc, { title: 'Contract', kind: 'proposal', minutes: 30 });
  goToItem(plenary.doc, item, Date.now());
  const facilitator = () => new Phone(server.url, asm.facilitatorToken);
  const codes = await issueCodes(facilitator(), asm.id, 24);
  const phones = codes.map(() => new Phone(server.url));
  for (const [i, p] of phones.entries()) {
    expect(await p.join(asm.attendeeToken)).toBe(303);
    expect(await p.send(`/a/${asm.id}?index`, { intent: 'redeem', code: codes[i] })).toBe(303);
  }
  const choose = (i: number) => (['for', 'against', 'abstain'] as const)[i % 3];
  const vote = (p: Phone, proposalId: string, choice: string) => p.send(`/a/${asm.id}?index`, { intent: 'vote', proposalId, choice });
  const open = async (text: string) => {
    const id = addProposal(plenary!.doc, { itemId: item, text }, Date.now());
    await eventually(async () => expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId: id })).toBe(200));
    return id;
  };

  // 1. An open vote with 24 ballots: not one choice reached the disk (the schema's column
  // names aside, nothing on disk says "against" or "abstain" yet).
  const first = await open('Accept the offer');
  expect(choicesOnDisk()).toBe(0);
  for (const [i, p] of phones.entries()) expect(await vote(p, first, choose(i))).toBe(303);
  await eventually(() => expect(getProposal(plenary!.doc, first)!.vote.cast).toBe(24));
  expect(choicesOnDisk()).toBe(0);
  expect(storedVoterRows().casts).toHaveLength(24); // which rights voted (to keep one each), never how

  // 2. Abandoned: the process is killed mid-vote. Still no choice on disk.
  plenary.destroy();
  plenary = null;
  const port = new URL(server.url).port;
  server.process.kill('SIGKILL');
  await server.exited;
  expect(choicesOnDisk()).toBe(0);

  // After the restart the vote is void, the console says so, and it is held again from nobody.
  server = await spawnServer(dataDir, { PORT: port }); // the phones keep their cookies and address
  // Without anyone opening a page: a projector left open stops showing the vote.
  plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  await eventually(() => expect(getProposal(plenary!.doc, first)!.vote).toMatchObject({ open: false, closed: false, cast: 0, interrupted: true }));
  const consolePage = await (await facilitator().get(`/a/${asm.id}/facilitate`)).text();
  expect(consolePage).toContain('interrupted when the server restarted');
  expect(await vote(phones[0], first, 'for')).toBe(409);
  expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId: first })).toBe(200);
  for (const [i, p] of phones.entries()) expect(await vote(p, first, choose(i + 1))).toBe(303);
  await eventually(() => expect(getProposal(plenary!.doc, first)!.vote.cast).toBe(24));
  expect(choicesOnDisk()).toBe(0);

  // 3. Closed: the totals are written, which rights voted is forgotten, and no holder key sits
  // near a choice anywhere in the files.
  expect(await facilitator().send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId: first })).toBe(200);
  await eventually(() =>
    expect(getProposal(plenary!.doc, first)).toMatchObject({ counts: { for: 8, against: 8, abstain: 8 }, vote: { cast: 24, closed: true } }),
  );
  expect(storedVoterRows().casts).toHaveLength(0);
  const holders = storedVoterRows().holders;
  expect(holders).toHaveLength(24);
  const bytes = dbBytes();
  for (const h of holders) {
    for (let at = bytes.indexOf(h); at !== -1; at = bytes.indexOf(h, at + 1)) {
      const near = bytes.subarray(Math.max(0, at - 512), at + 512).toString('latin1');
      expect(near).not.toMatch(/(?<!n_)(against|abstain)/);
    }
  }
}, 60_000);
