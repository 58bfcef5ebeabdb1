/**
 * [BR8] The console's "Make a new link" for note-takers offers what works: the plenary notes or a
 * table of a breakout item, made before the round exists if need be, landing on that table when
 * the round starts (issue 12, defect 4: a link for group "1" opened a document nobody reads).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { addItem } from '../../app/model/agenda.js';
import { planRound, readRound } from '../../app/model/breakouts.js';

let server: TestServer;
let asm: CreatedAssembly;
let plenary: Client;

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
  asm = await createAssembly(server.url, 'Links');
  plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
}, 30_000);
afterAll(async () => {
  plenary?.destroy();
  await server?.close();
});

const console_ = () => new Phone(server.url, asm.facilitatorToken);
const mint = (fields: Record<string, string>) => console_().send(`/a/${asm.id}/facilitate`, { intent: 'mint', role: 'note-taker', label: '', ...fields });

async function links(): Promise<{ scope: string | null }[]> {
  const res = await fetch(`${server.url}/api/assemblies/${asm.id}/links`, { headers: { authorization: `Bearer ${asm.facilitatorToken}` } });
  return ((await res.json()) as { links: { scope: string | null }[] }).links;
}

it('[BR8] a note-taker link for "group 1" is refused: it would open a document no tile, stack or minutes read', async () => {
  expect(await mint({ scope: '1' })).toBe(400);
  expect((await links()).some((l) => l.scope === '1')).toBe(false);
});

it('[BR8] a link for table 2 of a breakout item, made before its round exists, is the round’s table 2', async () => {
  const item = addItem(plenary.doc, { title: 'Breakouts by workplace', kind: 'breakout', minutes: 30 });
  await eventually(async () => expect(await mint({ scopeItem: item, table: '2' })).toBe(200));
  const made = (await links()).find((l) => l.scope === `${item}-t2`);
  expect(made).toBeDefined();
  expect(await mint({ scopeItem: item, table: '0' })).toBe(400);
  expect(await mint({ scopeItem: 'not-an-item', table: '1' })).toBe(400);
  expect(await mint({ scopeItem: 'plenary' })).toBe(200);
  expect((await links()).some((l) => l.scope === 'plenary')).toBe(true);

  // The day comes: the round is planned with three tables; the prepared link writes table 2's notes.
  planRound(plenary.doc, item, { prompts: ['What next?'], minutes: 10, assignment: 'count-off', tables: [{ label: '' }, { label: '' }, { label: '' }] });
  await eventually(() => expect(readRound(plenary.doc, item)?.tables).toHaveLength(3));
  // The link's table is the round's table 2: its notes are that tile's, stack entry and minutes.
  expect(readRound(plenary.doc, item)!.tables[1].id).toBe(made!.scope);
});
