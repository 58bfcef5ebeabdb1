/** [S12] Sync replies for readers: trimmed, cached, and fresh diffs bounded per second. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ReaderReplies } from '../../server/sync/reader-replies.js';
import { decodeMessage } from '../../server/sync/protocol.js';

function docWithHistory() {
  const doc = new Y.Doc();
  for (let i = 0; i < 50; i++) doc.getMap('run').set('announcement', `note ${i}`);
  return doc;
}

describe('[S12] reader sync replies', () => {
  it('[S12] a reader behind the document gets exactly what it lacks', () => {
    const doc = docWithHistory();
    const reader = new Y.Doc();
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(doc));
    doc.getMap('run').set('announcement', 'new');
    const replies = new ReaderReplies(doc);
    const reply = decodeMessage(replies.reply(Y.encodeStateVector(reader), () => new Uint8Array([0])));
    expect(reply.type).toBe('sync-step-2');
    Y.applyUpdate(reader, (reply as { update: Uint8Array }).update);
    expect(reader.getMap('run').get('announcement')).toBe('new');
  });

  it('[S12] made-up state vectors are trimmed: unknown clients and clocks past ours share one cached reply', () => {
    const doc = docWithHistory();
    const replies = new ReaderReplies(doc);
    const full = new Uint8Array([9]);
    const client = doc.clientID;
    const a = replies.reply(
      Y.encodeStateVector(
        new Map([
          [client, 10],
          [123, 5],
        ]),
      ),
      () => full,
    );
    const b = replies.reply(
      Y.encodeStateVector(
        new Map([
          [client, 10],
          [456, 99],
        ]),
      ),
      () => full,
    );
    expect(b).toBe(a); // the same buffer: computed once
    expect(replies.reply(Y.encodeStateVector(new Map([[777, 1]])), () => full)).toBe(full);
    expect(replies.reply(Y.encodeStateVector(new Map([[client, 1e9]])), () => full)).not.toBe(full);
  });

  it('[S12] past 20 fresh diffs in a second, readers get the shared full state instead', () => {
    const doc = docWithHistory();
    const replies = new ReaderReplies(doc);
    const full = new Uint8Array([9]);
    const answers = Array.from({ length: 30 }, (_, i) => replies.reply(Y.encodeStateVector(new Map([[doc.clientID, i + 1]])), () => full));
    const fulls = answers.filter((a) => a === full).length;
    expect(fulls).toBeGreaterThanOrEqual(9);
    expect(fulls).toBeLessThan(30);
  });

  it('[S12] a malformed state vector throws (the room closes the socket with 4400)', () => {
    expect(() => new ReaderReplies(new Y.Doc()).reply(new Uint8Array([5, 200]), () => new Uint8Array())).toThrow();
  });
});
