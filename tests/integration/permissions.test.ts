import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientPool, closeCodeOf, eventually, rawSocket } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { CloseCode } from '../../server/sync/protocol.js';
import * as encoding from 'lib0/encoding';

let server: TestServer;
let asm: CreatedAssembly;
let other: CreatedAssembly;
const pool = clientPool();
const open = pool.open;

beforeAll(async () => {
  server = await startTestServer();
  asm = await createAssembly(server.url, 'Hall A');
  other = await createAssembly(server.url, 'Hall B');
});

afterAll(async () => {
  pool.destroyAll();
  await server.close();
});

async function closeCode(doc: string, token: string | null): Promise<number> {
  const ws = await rawSocket(server.syncUrl, doc, token);
  return (await closeCodeOf(ws)).code;
}

describe('close codes', () => {
  it('[D1] a name that is not a document closes with 4404', async () => {
    expect(await closeCode(`${asm.id}/secrets`, asm.facilitatorToken)).toBe(CloseCode.notFound);
    expect(await closeCode(`${asm.id}/notes/a/b`, asm.facilitatorToken)).toBe(CloseCode.notFound);
    expect(await closeCode('plenary', asm.facilitatorToken)).toBe(CloseCode.notFound);
    expect(await closeCode(`${asm.id}/breakout/${'x'.repeat(65)}`, asm.facilitatorToken)).toBe(CloseCode.notFound);
  });

  it('[P1] no or unknown credentials close with 4401', async () => {
    expect(await closeCode(`${asm.id}/plenary`, null)).toBe(CloseCode.unauthorized);
    expect(await closeCode(`${asm.id}/plenary`, 'A'.repeat(43))).toBe(CloseCode.unauthorized);
  });

  it('[P1] a stock client told 4401 stops retrying and says so', async () => {
    const c = open(server.syncUrl, `${asm.id}/plenary`, 'not-a-real-token-at-all-0000');
    expect((await c.closed).code).toBe(CloseCode.unauthorized);
    expect(c.provider.shouldConnect).toBe(false);
  });

  it('[P2] credentials of another assembly close with 4403', async () => {
    expect(await closeCode(`${asm.id}/plenary`, other.facilitatorToken)).toBe(CloseCode.forbidden);
    expect(await closeCode(`${asm.id}/breakout/g1`, other.attendeeToken)).toBe(CloseCode.forbidden);
  });

  it('[P4] attendees cannot open plenary notes before they are published (4403)', async () => {
    expect(await closeCode(`${asm.id}/notes/item1`, asm.attendeeToken)).toBe(CloseCode.forbidden);
  });

  it('[P5][BR6] a note-taker for group 2 cannot open group 3 (4403), and an attendee cannot write either', async () => {
    const g2 = await mintLink(server.url, asm, { role: 'note-taker', scope: 'g2' });
    expect(await closeCode(`${asm.id}/breakout/g3`, g2.token)).toBe(CloseCode.forbidden);
    expect(await closeCode(`${asm.id}/notes/item1`, g2.token)).toBe(CloseCode.forbidden);

    const facilitator = open(server.syncUrl, `${asm.id}/breakout/g3`, asm.facilitatorToken);
    const attendee = open(server.syncUrl, `${asm.id}/breakout/g3`, asm.attendeeToken);
    await Promise.all([facilitator.synced, attendee.synced]);
    attendee.doc.getText('notes').insert(0, 'attendee scribbles');
    facilitator.doc.getText('notes').insert(0, 'facilitator: ');
    await eventually(() => expect(attendee.doc.getText('notes').toString()).toContain('facilitator: '));
    await new Promise((r) => setTimeout(r, 100));
    expect(facilitator.doc.getText('notes').toString()).toBe('facilitator: ');
  });

  it('[P3] a stack-keeper writes the plenary; a plenary note-taker reads it but its writes are dropped', async () => {
    const keeper = await mintLink(server.url, asm, { role: 'stack-keeper' });
    const notes = await mintLink(server.url, asm, { role: 'note-taker', scope: 'plenary' });
    const doc = `${asm.id}/plenary`;
    const k = open(server.syncUrl, doc, keeper.token);
    const n = open(server.syncUrl, doc, notes.token);
    const f = open(server.syncUrl, doc, asm.facilitatorToken);
    await Promise.all([k.synced, n.synced, f.synced]);
    n.doc.getMap('stack-test').set('from', 'note-taker');
    k.doc.getMap('stack-test').set('next', 'Amina');
    await eventually(() => expect(f.doc.getMap('stack-test').get('next')).toBe('Amina'));
    await eventually(() => expect(n.doc.getMap('stack-test').get('next')).toBe('Amina'));
    expect(f.doc.getMap('stack-test').get('from')).toBeUndefined();
  });

  it('[A4] a revoked link is cut off at once, open sockets included, and cannot come back', async () => {
    const keeper = await mintLink(server.url, asm, { role: 'stack-keeper' });
    const doc = `${asm.id}/plenary`;
    const k = open(server.syncUrl, doc, keeper.token);
    const f = open(server.syncUrl, doc, asm.facilitatorToken);
    await Promise.all([k.synced, f.synced]);
    const res = await fetch(`${server.url}/api/assemblies/${asm.id}/links/${keeper.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${asm.facilitatorToken}` },
    });
    expect(res.status).toBe(204);
    expect((await k.closed).code).toBe(CloseCode.unauthorized);
    // A write made after revocation never reaches anyone.
    k.doc.getMap('meta').set('after', 'revoked');
    expect(await closeCode(doc, keeper.token)).toBe(CloseCode.unauthorized);
    f.doc.getMap('meta').set('still', 'here');
    await new Promise((r) => setTimeout(r, 100));
    expect(f.doc.getMap('meta').get('after')).toBeUndefined();
    expect(f.provider.wsconnected).toBe(true);
  });
});

describe('bad input', () => {
  it('[B1] a frame that does not decode closes that socket with 4400; nobody else notices', async () => {
    const doc = `${asm.id}/plenary`;
    const a = open(server.syncUrl, doc, asm.facilitatorToken);
    const b = open(server.syncUrl, doc, asm.facilitatorToken);
    await Promise.all([a.synced, b.synced]);
    a.doc.getMap('meta').set('before', 'garbage');

    const garbage = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // varint overflow
      new Uint8Array([9]), // unknown message type
      new Uint8Array([0, 2, 50, 1, 2, 3]), // update whose length runs past the frame
      new Uint8Array([0, 2, 5, 200, 201, 202, 203, 204]), // update that is not an update
      new Uint8Array([0, 7, 0]), // unknown sync step
    ];
    for (const frame of garbage) {
      const ws = await rawSocket(server.syncUrl, doc, asm.facilitatorToken);
      const closed = closeCodeOf(ws);
      ws.send(frame);
      expect((await closed).code).toBe(CloseCode.badRequest);
    }
    const text = await rawSocket(server.syncUrl, doc, asm.facilitatorToken);
    const textClosed = closeCodeOf(text);
    text.send('hello');
    expect((await textClosed).code).toBe(CloseCode.badRequest);

    b.doc.getMap('meta').set('after', 'garbage');
    await eventually(() => expect(a.doc.getMap('meta').get('after')).toBe('garbage'));
    expect(b.doc.getMap('meta').get('before')).toBe('garbage');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });

  it('[B1] an error that quotes the client’s bytes closes that socket with 4400 and does not take the server down', async () => {
    const doc = `${asm.id}/plenary`;
    const a = open(server.syncUrl, doc, asm.facilitatorToken);
    await a.synced;
    // An awareness state that is not JSON, made of 3-byte characters: the parser's error quotes it.
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, 12345);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, '\uFDFD'.repeat(60));
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 1);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(inner));
    const ws = await rawSocket(server.syncUrl, doc, asm.facilitatorToken);
    const closed = closeCodeOf(ws);
    ws.send(encoding.toUint8Array(frame));
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.badRequest);
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    a.doc.getMap('meta').set('alive', true);
    const b = open(server.syncUrl, doc, asm.attendeeToken);
    await b.synced;
    await eventually(() => expect(b.doc.getMap('meta').get('alive')).toBe(true));
  });

  it('[B2] a frame over the document’s limit closes with 4413; nothing is lost', async () => {
    const doc = `${asm.id}/plenary`;
    const a = open(server.syncUrl, doc, asm.facilitatorToken);
    await a.synced;
    a.doc.getMap('meta').set('kept', 'yes');
    const ws = await rawSocket(server.syncUrl, doc, asm.facilitatorToken);
    const closed = closeCodeOf(ws);
    // A real update message, just too big for the plenary (1 MiB).
    const big = new Y.Doc();
    big.getText('t').insert(0, 'x'.repeat(1024 * 1024 + 10));
    const update = Y.encodeStateAsUpdate(big);
    const frame = new Uint8Array(update.length + 8);
    frame.set([0, 2]);
    // varuint length
    let n = update.length;
    let i = 2;
    while (n > 0x7f) {
      frame[i++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    frame[i++] = n;
    frame.set(update, i);
    ws.send(frame.subarray(0, i + update.length));
    expect((await closed).code).toBe(CloseCode.tooLarge);
    const c = open(server.syncUrl, doc, asm.attendeeToken);
    await c.synced;
    await eventually(() => expect(c.doc.getMap('meta').get('kept')).toBe('yes'));
    expect(c.doc.getText('t').length).toBe(0);
    expect(a.provider.wsconnected).toBe(true);
  });
});
