import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { admission, clientPool, closeCodeOf, eventually, rawSocket, settled } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { CloseCode } from '../../server/sync/protocol.js';
import * as encoding from 'lib0/encoding';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { readMeta, setMeta } from '../../app/model/meta.js';
import { readAnnouncement, setAnnouncement } from '../../app/model/run.js';
import { raiseHand, readEntries } from '../../app/model/stack.js';
import { firstText, plainText } from '../helpers/notes.js';

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

/** The close code a socket is refused with; 'admitted' at once (not after a timeout) if it is let in. */
function closeCode(doc: string, token: string | null): Promise<number | 'admitted'> {
  return admission(server.syncUrl, doc, token);
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
    firstText(attendee.doc).insert(0, 'attendee scribbles');
    firstText(facilitator.doc).insert(0, 'facilitator: ');
    await eventually(() => expect(plainText(attendee.doc)).toContain('facilitator: '));
    // The server has handled the attendee's write, and the facilitator has heard all it was sent since.
    await settled(attendee, facilitator);
    expect(plainText(facilitator.doc)).toBe('facilitator: ');
    expect(attendee.provider.wsconnected).toBe(true); // dropped, not refused ([S3])
  });

  it('[P3] a stack-keeper writes the plenary; a plenary note-taker reads it but its writes are dropped', async () => {
    const keeper = await mintLink(server.url, asm, { role: 'stack-keeper' });
    const notes = await mintLink(server.url, asm, { role: 'note-taker', scope: 'plenary' });
    const doc = `${asm.id}/plenary`;
    const k = open(server.syncUrl, doc, keeper.token);
    const n = open(server.syncUrl, doc, notes.token);
    const f = open(server.syncUrl, doc, asm.facilitatorToken);
    await Promise.all([k.synced, n.synced, f.synced]);
    const names = (c: typeof f) => readEntries(c.doc).map((e) => e.name);
    raiseHand(n.doc, { name: 'Added by the note-taker', kind: 'speak' }, Date.now());
    raiseHand(k.doc, { name: 'Amina', kind: 'speak' }, Date.now());
    await eventually(() => expect(names(f)).toContain('Amina'));
    await eventually(() => expect(names(n)).toContain('Amina'));
    await settled(n, f);
    expect(names(f)).not.toContain('Added by the note-taker');
    // Dropped, not refused: a refused write would have closed the note-taker's socket.
    expect(n.provider.wsconnected).toBe(true);
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
    raiseHand(k.doc, { name: 'After revocation', kind: 'speak' }, Date.now());
    expect(await closeCode(doc, keeper.token)).toBe(CloseCode.unauthorized);
    setMeta(f.doc, { place: 'Still here' });
    await settled(f);
    expect(readEntries(f.doc).map((e) => e.name)).not.toContain('After revocation');
    expect(f.provider.wsconnected).toBe(true);
  });
});

describe('bad input', () => {
  it('[B1] a frame that does not decode closes that socket with 4400; nobody else notices', async () => {
    const doc = `${asm.id}/plenary`;
    const a = open(server.syncUrl, doc, asm.facilitatorToken);
    const b = open(server.syncUrl, doc, asm.facilitatorToken);
    await Promise.all([a.synced, b.synced]);
    setMeta(a.doc, { place: 'Before the garbage' });

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

    setAnnouncement(b.doc, 'After the garbage');
    await eventually(() => expect(readAnnouncement(a.doc)).toBe('After the garbage'));
    expect(readMeta(b.doc).place).toBe('Before the garbage');
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
    setMeta(a.doc, { place: 'Still alive' });
    const b = open(server.syncUrl, doc, asm.attendeeToken);
    await b.synced;
    await eventually(() => expect(readMeta(b.doc).place).toBe('Still alive'));
  });

  it('[B2] a frame over the document’s limit closes with 4413; nothing is lost', async () => {
    const doc = `${asm.id}/plenary`;
    const a = open(server.syncUrl, doc, asm.facilitatorToken);
    await a.synced;
    setMeta(a.doc, { place: 'Kept' });
    const ws = await rawSocket(server.syncUrl, doc, asm.facilitatorToken);
    const closed = closeCodeOf(ws);
    // A real update message a facilitator may send (agenda items with long descriptions), just too
    // big for one frame (1 MiB); the document itself would have room for it.
    const big = new Y.Doc();
    big.transact(() => {
      for (let i = 0; i < 220; i++) addItem(big, { title: `Oversized ${i}`, kind: 'discussion', minutes: 5, description: 'x'.repeat(5000) });
    });
    const update = Y.encodeStateAsUpdate(big);
    expect(update.length).toBeGreaterThan(1024 * 1024);
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
    await eventually(() => expect(readMeta(c.doc).place).toBe('Kept'));
    expect(readAgenda(c.doc).filter((item) => item.title.startsWith('Oversized'))).toEqual([]);
    expect(a.provider.wsconnected).toBe(true);
  });
});
