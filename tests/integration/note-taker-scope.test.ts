/**
 * A note-taker's link opens its own table and nothing else ([P5]), on every way in: the table's
 * page (which carries the document's state), the "what is stored" answer the page asks for, the
 * plenary notes page, and the document's socket. Another table's notes never reach it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { admission, connect, eventually, settled, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { appendParagraph, fragmentToText, REPORT_FIELD, reportFragment } from '../../app/model/notes.js';

let server: TestServer;
let asm: CreatedAssembly;
let other: Client;

const SECRET = 'Table 3 names the steward who will walk out first';

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
  asm = await createAssembly(server.url, 'Scoped hall');
  // Another table's report-back, stored before anyone asks.
  other = connect(server.syncUrl, `${asm.id}/breakout/g3`, asm.facilitatorToken);
  await other.synced;
  appendParagraph(other.doc, REPORT_FIELD, SECRET);
  await settled(other);
}, 30_000);
afterAll(async () => {
  other?.destroy();
  await server?.close();
});

async function noteTaker(scope: string): Promise<{ phone: Phone; token: string }> {
  const { token } = await mintLink(server.url, asm, { role: 'note-taker', scope });
  const phone = new Phone(server.url);
  expect(await phone.join(token)).toBe(303);
  return { phone, token };
}

/** Status and body of a page; the body is read either way, so a leak is seen in a refusal too. */
async function page(p: Phone, path: string): Promise<{ status: number; body: string }> {
  const res = await p.get(path);
  return { status: res.status, body: await res.text() };
}

it('[P5] a table’s note-taker opens its own table; another table’s page, stored state and socket are refused, and its notes never reach it', async () => {
  const { phone, token } = await noteTaker('g2');
  expect((await page(phone, `/a/${asm.id}/breakout/g2`)).status).toBe(200);
  expect((await page(phone, `/a/${asm.id}/saved?group=g2`)).status).toBe(200);

  for (const path of [`/a/${asm.id}/breakout/g3`, `/a/${asm.id}/saved?group=g3`, `/a/${asm.id}/notes`]) {
    const res = await page(phone, path);
    expect({ path, status: res.status }).toEqual({ path, status: 403 });
    expect(res.body).not.toContain('steward');
  }
  expect(await admission(server.syncUrl, `${asm.id}/breakout/g3`, token)).toBe(4403);
  expect(await admission(server.syncUrl, `${asm.id}/notes/item1`, token)).toBe(4403);
  expect(await admission(server.syncUrl, `${asm.id}/breakout/g2`, token)).toBe('admitted');

  // What it writes on its own table arrives; the other table is untouched.
  const own = connect(server.syncUrl, `${asm.id}/breakout/g2`, token);
  try {
    await own.synced;
    appendParagraph(own.doc, REPORT_FIELD, 'Table 2 wants a strike fund');
    const facilitator = connect(server.syncUrl, `${asm.id}/breakout/g2`, asm.facilitatorToken);
    await facilitator.synced;
    await eventually(() => expect(fragmentToText(reportFragment(facilitator.doc))).toBe('Table 2 wants a strike fund'));
    facilitator.destroy();
    await settled(other);
    expect(fragmentToText(reportFragment(other.doc))).toBe(SECRET);
  } finally {
    own.destroy();
  }
});

it('[P5] a plenary note-taker opens the plenary notes and no table', async () => {
  const { phone, token } = await noteTaker('plenary');
  expect((await page(phone, `/a/${asm.id}/notes`)).status).toBe(200);
  for (const path of [`/a/${asm.id}/breakout/g3`, `/a/${asm.id}/saved?group=g3`]) {
    const res = await page(phone, path);
    expect({ path, status: res.status }).toEqual({ path, status: 403 });
    expect(res.body).not.toContain('steward');
  }
  expect(await admission(server.syncUrl, `${asm.id}/breakout/g3`, token)).toBe(4403);
});
