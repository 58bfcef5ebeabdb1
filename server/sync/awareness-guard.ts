/**
 * Presence from writers, bounded and not spoofable ([S4], [S11]): each awareness message is at
 * most MAX_AWARENESS_BYTES, a connection speaks for at most MAX_AWARENESS_IDS client ids, and an id
 * belongs to the link whose connection announced it (a reconnect of the same link takes it back;
 * another link cannot write someone's name or cursor, or remove it: such entries are dropped,
 * since stock clients send back what they hear).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import type { Connection } from './connection.js';

export const MAX_AWARENESS_BYTES = 16 * 1024;
export const MAX_AWARENESS_IDS = 4;
/** One link on many sockets (a script) cannot fill a document with presence either. */
export const MAX_AWARENESS_IDS_PER_LINK = 16;

export interface AwarenessRefusal {
  code: 'tooLarge' | 'forbidden' | 'badRequest';
  reason: string;
}

interface Entry {
  id: number;
  clock: number;
  /** The state as sent (JSON), kept byte for byte. */
  json: string;
  state: unknown;
}

/** The entries of an awareness update, states parsed as y-protocols parses them; throws on a malformed update. */
export function presenceEntries(update: Uint8Array): { id: number; state: unknown }[] {
  return entriesOf(update);
}

function entriesOf(update: Uint8Array): Entry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    entries.push({ id, clock, json, state: JSON.parse(json) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  return entries;
}

function encode(entries: Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.id);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.json);
  }
  return encoding.toUint8Array(encoder);
}

export class AwarenessGuard {
  /** Awareness client id → the link that announced it. */
  private readonly owners = new Map<number, string>();

  /**
   * What of `update` from `conn` the server takes: entries about ids another link owns (as
   * presence, or as a writer of the document: `documentOwner`) are dropped, never applied and never
   * a reason to cut anyone off — stock clients send back what they hear, including removals they
   * timed out themselves; the server's own timeout and a leaving socket remove presence. Null: nothing to apply.
   */
  filter(
    conn: Connection,
    update: Uint8Array,
    awareness: Awareness,
    documentOwner: (id: number) => string | undefined,
  ): { update: Uint8Array | null } | { refusal: AwarenessRefusal } {
    if (update.length > MAX_AWARENESS_BYTES) return { refusal: { code: 'tooLarge', reason: `presence is at most ${MAX_AWARENESS_BYTES} bytes` } };
    let entries: Entry[];
    try {
      entries = entriesOf(update);
    } catch (err) {
      return { refusal: { code: 'badRequest', reason: `bad awareness update: ${(err as Error).message}` } };
    }
    const kept: Entry[] = [];
    const fresh = new Set<number>();
    for (const e of entries) {
      const owner = this.owners.get(e.id) ?? documentOwner(e.id);
      if (owner !== undefined && owner !== conn.grant.id) continue;
      kept.push(e);
      // An echo (no newer than what the server has) changes nothing and speaks for nobody new.
      const current = awareness.meta.get(e.id)?.clock;
      const echo = current !== undefined && e.clock <= current;
      if (!echo && e.state !== null && !conn.awarenessIds.has(e.id)) fresh.add(e.id);
    }
    if (conn.awarenessIds.size + fresh.size > MAX_AWARENESS_IDS)
      return { refusal: { code: 'badRequest', reason: `at most ${MAX_AWARENESS_IDS} presences per connection` } };
    if (fresh.size > 0) {
      let ofLink = 0;
      for (const [id, owner] of this.owners) if (owner === conn.grant.id && !fresh.has(id)) ofLink++;
      if (ofLink + fresh.size > MAX_AWARENESS_IDS_PER_LINK)
        return { refusal: { code: 'badRequest', reason: `at most ${MAX_AWARENESS_IDS_PER_LINK} presences per link` } };
    }
    if (kept.length === 0) return { update: null };
    return { update: kept.length === entries.length ? update : encode(kept) };
  }

  claim(conn: Connection, id: number): void {
    this.owners.set(id, conn.grant.id);
  }

  /** `link`'s writer on another node announced `id` ([SO29]); an id another link holds here stays theirs. */
  claimFor(link: string, id: number): void {
    if (!this.owners.has(id)) this.owners.set(id, link);
  }

  forget(id: number): void {
    this.owners.delete(id);
  }
}
