import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, eventually, sleep, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';

/** mulberry32: small, seedable, good enough to pick operations. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let server: TestServer;
let asm: CreatedAssembly;
beforeAll(async () => {
  server = await startTestServer({ sync: { compactAfter: 25, unloadAfterMs: 20 } });
  asm = await createAssembly(server.url);
});
afterAll(() => server.close());

const state = (doc: Y.Doc) => ({
  agenda: doc.getArray('agenda').toJSON(),
  meta: doc.getMap('meta').toJSON(),
  notes: doc.getText('notes').toString(),
});

/**
 * Random edits, disconnects, offline edits and reconnects across writers and readers of one
 * document, then: every writer, every reader and a fresh client hold the same state.
 */
async function fuzz(seed: number, steps = 300) {
  const random = rng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const group = `fuzz${seed}`;
  const noteTaker = await mintLink(server.url, asm, { role: 'note-taker', scope: group });
  const name = `${asm.id}/breakout/${group}`;
  const tokens = [asm.facilitatorToken, asm.facilitatorToken, noteTaker.token];
  const writers: Client[] = tokens.map((t) => connect(server.syncUrl, name, t));
  const readers: Client[] = [connect(server.syncUrl, name, asm.attendeeToken), connect(server.syncUrl, name, asm.attendeeToken)];
  await Promise.all([...writers, ...readers].map((c) => c.synced));

  for (let step = 0; step < steps; step++) {
    const c = pick([...writers, ...readers]);
    const r = random();
    if (r < 0.08) {
      if (c.provider.shouldConnect) c.provider.disconnect();
      else c.provider.connect();
    } else if (r < 0.35) {
      const agenda = c.doc.getArray<string>('agenda');
      agenda.insert(Math.floor(random() * (agenda.length + 1)), [`s${seed}-${step}`]);
    } else if (r < 0.45) {
      const agenda = c.doc.getArray<string>('agenda');
      if (agenda.length > 0) agenda.delete(Math.floor(random() * agenda.length), 1);
    } else if (r < 0.7) {
      c.doc.getMap('meta').set(pick(['title', 'current', 'timer']), step);
    } else {
      const text = c.doc.getText('notes');
      if (random() < 0.7 || text.length === 0) text.insert(Math.floor(random() * (text.length + 1)), pick(['a', 'bc', 'é', '👋']));
      else text.delete(Math.floor(random() * text.length), 1);
    }
    if (random() < 0.3) await sleep(Math.floor(random() * 5));
  }
  for (const c of [...writers, ...readers]) if (!c.provider.shouldConnect) c.provider.connect();

  const fresh = connect(server.syncUrl, name, asm.attendeeToken);
  await fresh.synced;
  await eventually(
    () => {
      const expected = state(writers[0].doc);
      for (const w of writers) expect(state(w.doc)).toEqual(expected);
      expect(state(fresh.doc)).toEqual(expected);
    },
    { timeout: 10_000 },
  );
  // Readers' own edits never count; a fresh reader holds exactly the writers' state.
  const again = connect(server.syncUrl, name, asm.attendeeToken);
  await again.synced;
  await eventually(() => expect(state(again.doc)).toEqual(state(writers[0].doc)));
  const final = state(writers[0].doc);
  for (const c of [...writers, ...readers, fresh, again]) c.destroy();
  return final;
}

describe('[S2] seeded fuzz: random edits, disconnects and reconnects converge', () => {
  for (const seed of [1, 2, 3, 7, 42, 1934]) {
    it(`seed ${seed}`, async () => {
      const final = await fuzz(seed);
      expect(final.agenda.length + final.notes.length).toBeGreaterThan(0);
    });
  }
});
