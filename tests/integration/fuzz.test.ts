import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, eventually, sleep, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type TestServer } from '../helpers/server.js';
import { addItem, editItem, moveItem, readAgenda, removeItem } from '../../app/model/agenda.js';
import { setMeta } from '../../app/model/meta.js';
import { appendParagraph, REPORT_FIELD } from '../../app/model/notes.js';
import { goToItem, setAnnouncement } from '../../app/model/run.js';
import { ENTRY_KINDS, moveEntry, nextSpeaker, raiseHand, readStack, withdraw } from '../../app/model/stack.js';
import { firstText } from '../helpers/notes.js';
import { seeded } from '../helpers/random.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ sync: { compactAfter: 25, unloadAfterMs: 20 } });
});
afterAll(() => server.close());

type Kind = 'plenary' | 'breakout';
type Role = 'facilitator' | 'stack-keeper' | 'note-taker' | 'attendee';
/** One client of one document, and the role its link has. */
interface Peer {
  client: Client;
  kind: Kind;
  role: Role;
}
/** One edit a user could make: `label` is unique to the step, `random` picks places. */
type Edit = (doc: Y.Doc, label: string, random: () => number) => void;

const at = (random: () => number, length: number) => Math.floor(random() * length);
const anyItem = (doc: Y.Doc, random: () => number) => {
  const agenda = readAgenda(doc);
  return agenda.length > 0 ? agenda[at(random, agenda.length)].id : null;
};

/** Turns on the stack: what a stack-keeper (or a facilitator) does, never tagged with a phone. */
const stackEdits: Edit[] = [
  (doc, label, random) => void raiseHand(doc, { name: label, kind: ENTRY_KINDS[at(random, ENTRY_KINDS.length)] }, Date.now()),
  (doc) => void nextSpeaker(doc, Date.now()),
  (doc, _label, random) => {
    const { queue } = readStack(doc);
    if (queue.length > 0) withdraw(doc, queue[at(random, queue.length)].id);
  },
  (doc, _label, random) => {
    const { queue } = readStack(doc);
    if (queue.length > 1) moveEntry(doc, queue[at(random, queue.length)].id, at(random, queue.length));
  },
];

/** Agenda, meta and run edits: a facilitator's. */
const plenaryEdits: Edit[] = [
  (doc, label, random) => void addItem(doc, { title: label, kind: 'discussion', minutes: 10 }, at(random, readAgenda(doc).length + 1)),
  (doc, _label, random) => {
    const id = anyItem(doc, random);
    if (id) removeItem(doc, id);
  },
  (doc, _label, random) => {
    const id = anyItem(doc, random);
    if (id) moveItem(doc, id, at(random, readAgenda(doc).length));
  },
  (doc, label, random) => {
    const id = anyItem(doc, random);
    if (id) editItem(doc, id, { title: label });
  },
  (doc, _label, random) => {
    const id = anyItem(doc, random);
    if (id) goToItem(doc, id, Date.now());
  },
  (doc, label, random) => setMeta(doc, random() < 0.5 ? { title: label } : { place: label }),
  (doc, label) => setAnnouncement(doc, label),
];

/** Typing in a table's notes and report-back. */
const notesEdits: Edit[] = [
  (doc, _label, random) => {
    // As the editor types: into the text of a paragraph (a new paragraph now and then).
    const paragraphs = doc.getXmlFragment('notes').toArray();
    const p = paragraphs.length === 0 || random() < 0.1 ? null : paragraphs[at(random, paragraphs.length)];
    const text = p instanceof Y.XmlElement && p.get(0) instanceof Y.XmlText ? (p.get(0) as Y.XmlText) : firstText(doc);
    if (random() < 0.7 || text.length === 0) text.insert(at(random, text.length + 1), ['a', 'bc', 'é', '👋'][at(random, 4)]);
    else text.delete(at(random, text.length), 1);
  },
  (doc, label) => void appendParagraph(doc, REPORT_FIELD, label),
];

/** What each role may do; a reader tries anything (its writes are dropped). */
const EDITS: Record<Kind, Partial<Record<Role, Edit[]>>> = {
  plenary: { facilitator: [...plenaryEdits, ...stackEdits], 'stack-keeper': stackEdits, attendee: [...plenaryEdits, ...stackEdits] },
  breakout: { facilitator: notesEdits, 'note-taker': notesEdits, attendee: notesEdits },
};

const PLENARY_MAPS = ['meta', 'run', 'stack', 'timers', 'agendaItems', 'stackEntries'];
const state = (kind: Kind, doc: Y.Doc) =>
  kind === 'plenary'
    ? Object.fromEntries(PLENARY_MAPS.map((name) => [name, doc.getMap(name).toJSON()]))
    : { notes: doc.getXmlFragment('notes').toString(), reportBack: doc.getXmlFragment(REPORT_FIELD).toString() };

/**
 * Random edits, disconnects, offline edits and reconnects across writers and readers of an
 * assembly's plenary and of one table's notes, each writer making only the edits its role may,
 * then: every writer, every reader and a fresh client of each document hold the same state.
 */
async function fuzz(seed: number, steps = 400) {
  const random = seeded(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const asm = await createAssembly(server.url, `Fuzz ${seed}`);
  const group = `fuzz${seed}`;
  const keeper = await mintLink(server.url, asm, { role: 'stack-keeper' });
  const noteTaker = await mintLink(server.url, asm, { role: 'note-taker', scope: group });
  const names: Record<Kind, string> = { plenary: `${asm.id}/plenary`, breakout: `${asm.id}/breakout/${group}` };
  const peer = (kind: Kind, role: Role, token: string): Peer => ({ client: connect(server.syncUrl, names[kind], token), kind, role });
  const peers: Peer[] = [
    peer('plenary', 'facilitator', asm.facilitatorToken),
    peer('plenary', 'facilitator', asm.facilitatorToken),
    peer('plenary', 'stack-keeper', keeper.token),
    peer('plenary', 'attendee', asm.attendeeToken),
    peer('plenary', 'attendee', asm.attendeeToken),
    peer('breakout', 'facilitator', asm.facilitatorToken),
    peer('breakout', 'facilitator', asm.facilitatorToken),
    peer('breakout', 'note-taker', noteTaker.token),
    peer('breakout', 'attendee', asm.attendeeToken),
    peer('breakout', 'attendee', asm.attendeeToken),
  ];
  await Promise.all(peers.map((p) => p.client.synced));

  for (let step = 0; step < steps; step++) {
    const { client: c, kind, role } = pick(peers);
    if (random() < 0.08) {
      if (c.provider.shouldConnect) c.provider.disconnect();
      else c.provider.connect();
    } else {
      pick(EDITS[kind][role]!)(c.doc, `s${seed}-${step}`, random);
    }
    if (random() < 0.3) await sleep(Math.floor(random() * 5));
  }
  for (const { client: c } of peers) if (!c.provider.shouldConnect) c.provider.connect();

  const final = {} as Record<Kind, Record<string, unknown>>;
  const extra: Client[] = [];
  for (const kind of ['plenary', 'breakout'] as const) {
    const writers = peers.filter((p) => p.kind === kind && p.role !== 'attendee').map((p) => p.client);
    const fresh = connect(server.syncUrl, names[kind], asm.attendeeToken);
    extra.push(fresh);
    await fresh.synced;
    await eventually(
      () => {
        const expected = state(kind, writers[0].doc);
        for (const w of writers) expect(state(kind, w.doc)).toEqual(expected);
        expect(state(kind, fresh.doc)).toEqual(expected);
      },
      { timeout: 10_000 },
    );
    // Readers' own edits never count; a fresh reader holds exactly the writers' state.
    const again = connect(server.syncUrl, names[kind], asm.attendeeToken);
    extra.push(again);
    await again.synced;
    await eventually(() => expect(state(kind, again.doc)).toEqual(state(kind, writers[0].doc)));
    final[kind] = state(kind, writers[0].doc);
  }
  for (const c of [...peers.map((p) => p.client), ...extra]) c.destroy();
  return final;
}

describe('[S2] seeded fuzz: random edits, disconnects and reconnects converge', () => {
  for (const seed of [1, 2, 3, 7, 42, 1934]) {
    it(`seed ${seed}`, async () => {
      const final = await fuzz(seed);
      const agenda = final.plenary.agendaItems as Record<string, unknown>;
      const notes = final.breakout.notes as string;
      expect(Object.keys(agenda).length + notes.length).toBeGreaterThan(0);
    });
  }
});
