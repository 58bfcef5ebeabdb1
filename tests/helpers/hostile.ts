/**
 * Hostile shapes for documents: what a writer with a stock Yjs client (or a bug, or old data) can
 * put where Plenary expects its own fields. Seeded, so a failing seed can be replayed.
 */
import * as Y from 'yjs';
import { SqliteStore } from '../../server/storage/sqlite-store.js';

import { pick, seeded } from './random.js';

export { pick, seeded };

/** Numbers that have hurt readers: sizes, NaN, infinities, negatives, fractions, huge ones. */
const NUMBERS = [20_000_000, 1e6, 101, -1, 0, 1.5, NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31];

/** One hostile value; `depth` keeps nested maps from growing without end. */
export function hostileValue(rng: () => number, depth = 0): unknown {
  switch (Math.floor(rng() * 14)) {
    case 0:
      return pick(rng, NUMBERS);
    case 1:
      return 'x'.repeat(pick(rng, [0, 1, 300, 200_000]));
    case 2:
      return pick(rng, [true, false, null]);
    case 3:
      return {
        for: pick(rng, NUMBERS),
        open: 'yes',
        cast: -5,
        closed: 1,
        text: 42,
        what: ['x'],
        due: pick(rng, ['9999-99-99', '2026-02-31', 'Friday']),
        at: NaN,
        nested: { deep: [1, 2] },
      };
    case 4:
      return Array.from({ length: pick(rng, [0, 3, 5_000]) }, (_, i) => (i % 2 ? pick(rng, NUMBERS) : 'label'));
    case 5:
      return new Uint8Array([1, 2, 3, 255]);
    case 6: {
      const a = new Y.Array<unknown>();
      a.push([1, 'two', { three: 3 }]);
      return a;
    }
    case 7:
      return new Y.Text('a Y.Text where a field was expected');
    case 8: {
      const m = new Y.Map<unknown>();
      if (depth < 2) for (const k of ['title', 'name', 'tableCount', 'status', 'members', 'vote', 'counts']) m.set(k, hostileValue(rng, depth + 1));
      return m;
    }
    case 9: {
      const x = new Y.XmlElement('paragraph');
      x.insert(0, [new Y.XmlText('xml where a field was expected')]);
      return x;
    }
    case 10:
      return pick(rng, ['running', 'ended', 'done', 'skipped', 'phone', 'report', 'topic', 'first-time', 'fist-to-five']);
    case 11:
      return [[[[['deep']]]]];
    case 12:
      return pick(rng, ['\u0000\u202e<script>alert(1)</script>\ud800', 'next Tuesday', '2026-02-31T18:00', '+275760-09-13T00:00', '../../etc/passwd']);
    default:
      return undefined;
  }
}

/** Fields Plenary reads, per top-level map of the plenary document, so shapes land where they hurt. */
const FIELDS: Record<string, string[]> = {
  agendaItems: ['title', 'kind', 'minutes', 'position', 'status', 'startedAt', 'endedAt', 'usedMs', 'presenter', 'description', 'interpretation'],
  stackEntries: ['name', 'kind', 'itemId', 'raisedAt', 'owner', 'status', 'calledAt', 'endedAt', 'movedKey', 'text'],
  breakoutRounds: ['tableCount', 'labels', 'prompts', 'members', 'status', 'minutes', 'startedAt', 'endsAt', 'message', 'messageAt', 'assignment'],
  proposals: [
    'itemId',
    'text',
    'by',
    'createdAt',
    'method',
    'amendments',
    'actions',
    'counts',
    'blocks',
    'standAsides',
    'scale',
    'temperature',
    'vote',
    'outcome',
    'decidedAt',
  ],
  timers: ['durationMs', 'startedAt', 'elapsedMs'],
};
const FLAT: Record<string, string[]> = {
  meta: ['title', 'startsAt', 'place', 'languages'],
  run: ['currentItemId', 'announcement'],
  stack: ['progressive', 'speakerSeconds', 'hideNames'],
};

/**
 * `count` hostile writes to a plenary document, in one transaction: whole entries replaced by
 * non-maps, fields of entries given hostile values, nested maps (members, amendments, actions)
 * filled with junk, and the current item pointed at a hostile entry.
 */
export function mutatePlenary(doc: Y.Doc, rng: () => number, count: number): void {
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const roll = rng();
      if (roll < 0.55) {
        const name = pick(rng, Object.keys(FIELDS));
        const map = doc.getMap<unknown>(name);
        const keys = [...map.keys()];
        const key = keys.length && rng() < 0.8 ? pick(rng, keys) : `h${Math.floor(rng() * 1e6)}`;
        const entry = map.get(key);
        if (entry instanceof Y.Map && rng() < 0.75) {
          const field = pick(rng, FIELDS[name]);
          const inner = entry.get(field);
          // Seats, amendments and actions are maps of their own: junk inside them too.
          if (inner instanceof Y.Map && rng() < 0.5) inner.set(`j${Math.floor(rng() * 1e6)}`, hostileValue(rng));
          else entry.set(field, hostileValue(rng));
        } else {
          map.set(key, hostileValue(rng));
        }
      } else if (roll < 0.85) {
        const name = pick(rng, Object.keys(FLAT));
        doc.getMap<unknown>(name).set(pick(rng, FLAT[name]), hostileValue(rng));
      } else {
        // The room "is on" an entry of the wrong shape.
        const keys = [...doc.getMap<unknown>('agendaItems').keys()];
        if (keys.length) doc.getMap<unknown>('run').set('currentItemId', pick(rng, keys));
        doc.getMap<unknown>('stack').set(`closed:${pick(rng, keys.length ? keys : ['x'])}`, hostileValue(rng));
      }
    }
  });
}

/**
 * `levels` blockquotes, one inside the next, with a paragraph at the bottom, appended to
 * `parent`. Built from the top down, each node inserted into one already in the document, so
 * building it never recurses (Yjs integrates a detached tree recursively).
 */
export function pushNested(parent: Y.XmlFragment | Y.XmlElement, levels: number, names: readonly string[] = ['blockquote'], text = 'deep point'): void {
  // One transaction: Yjs walks every changed type's ancestors once per transaction.
  parent.doc!.transact(() => {
    let node: Y.XmlFragment | Y.XmlElement = parent;
    for (let i = 0; i < levels; i++) {
      const child = new Y.XmlElement(names[i % names.length]);
      node.insert(node.length, [child]);
      node = child;
    }
    const paragraph = new Y.XmlElement('paragraph');
    node.insert(node.length, [paragraph]);
    paragraph.insert(0, [new Y.XmlText(text)]);
  });
}

/** Hostile rich text for a notes field: deep nesting, odd nodes, huge text, junk attributes. */
export function mutateNotes(doc: Y.Doc, field: string, rng: () => number, count: number): void {
  const fragment = doc.getXmlFragment(field);
  for (let i = 0; i < count; i++) {
    doc.transact(() => {
      switch (Math.floor(rng() * 7)) {
        case 0:
          pushNested(fragment, pick(rng, [50, 2_000, 20_000]));
          break;
        case 1:
          // Lists in list items in lists, many levels.
          pushNested(fragment, pick(rng, [30, 3_000]), rng() < 0.5 ? ['bulletList', 'listItem'] : ['orderedList', 'listItem', 'blockquote']);
          break;
        case 2: {
          const heading = new Y.XmlElement('heading');
          heading.setAttribute('level', pick(rng, ['1e9', 'x', '-3', '7']));
          heading.insert(0, [new Y.XmlText('h'.repeat(pick(rng, [1, 100_000])))]);
          fragment.push([heading]);
          break;
        }
        case 3: {
          // Inline elements nested inside one paragraph.
          const p = new Y.XmlElement('paragraph');
          fragment.push([p]);
          pushNested(p, 5_000, ['bold', 'span', 'hardBreak'], 'inline');
          break;
        }
        case 4: {
          // Not XML at all, where XML nodes belong.
          const value = hostileValue(rng);
          if (value !== undefined) fragment.push([value as Y.XmlElement]);
          break;
        }
        case 5: {
          const text = new Y.XmlText('');
          const p = new Y.XmlElement('paragraph');
          fragment.push([p]);
          p.insert(0, [text]);
          text.insertEmbed(0, { image: 'x' });
          text.insert(1, 'with an embed', { bold: { nested: true } });
          break;
        }
        default:
          fragment.push([new Y.XmlText('t'.repeat(pick(rng, [10, 300_000])))]);
      }
    });
  }
}

/**
 * Applies `change` to a document as stored in the data folder `dataDir`, appended as one update:
 * no socket, no checks. What got into the store before writes were checked ([F1]–[F6]); the
 * server must be down (it owns the store while it runs).
 */
export async function writeStored(dataDir: string, docName: string, change: (doc: Y.Doc) => void): Promise<void> {
  const store = new SqliteStore(`${dataDir}/plenary.sqlite`);
  try {
    await appendStored(store, docName, change);
  } finally {
    await store.close();
  }
}

/** Applies `change` to a document as `store` holds it, appended as one update: no socket, no checks. */
export async function appendStored(store: SqliteStore, docName: string, change: (doc: Y.Doc) => void): Promise<void> {
  const doc = new Y.Doc();
  const stored = await store.loadDoc(docName);
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  const before = Y.encodeStateVector(doc);
  change(doc);
  await store.appendUpdates(docName, [Y.encodeStateAsUpdate(doc, before)]);
}
