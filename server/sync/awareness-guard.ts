/**
 * Presence from writers, bounded and not spoofable ([S4], [S11]): each awareness message is at
 * most MAX_AWARENESS_BYTES, a connection speaks for at most MAX_AWARENESS_IDS client ids, and an id
 * belongs to the link whose connection announced it (a reconnect of the same link takes it back;
 * another link cannot write someone's name or cursor, or remove it). Echoes (entries no newer
 * than what the server has, which stock clients send back) pass and change nothing.
 */
import * as decoding from 'lib0/decoding';
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

/** The entries of an awareness update; throws on a malformed update. */
function entriesOf(update: Uint8Array): { id: number; clock: number; removes: boolean }[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: { id: number; clock: number; removes: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const removes = decoding.readVarString(decoder) === 'null';
    entries.push({ id, clock, removes });
  }
  return entries;
}

export class AwarenessGuard {
  /** Awareness client id → the link that announced it. */
  private readonly owners = new Map<number, string>();

  /** Why `conn` may not send `update`, or null when it may. */
  check(conn: Connection, update: Uint8Array, awareness: Awareness): AwarenessRefusal | null {
    if (update.length > MAX_AWARENESS_BYTES) return { code: 'tooLarge', reason: `presence is at most ${MAX_AWARENESS_BYTES} bytes` };
    let entries: { id: number; clock: number; removes: boolean }[];
    try {
      entries = entriesOf(update);
    } catch (err) {
      return { code: 'badRequest', reason: `bad awareness update: ${(err as Error).message}` };
    }
    const fresh = new Set<number>();
    for (const { id, clock, removes } of entries) {
      // Stock y-websocket clients send back every presence they hear: an entry that changes
      // nothing (not newer than what the server has) is an echo, not a claim.
      const current = awareness.meta.get(id)?.clock;
      if (current !== undefined && (clock < current || (clock === current && !(removes && awareness.states.has(id))))) continue;
      const owner = this.owners.get(id);
      if (owner !== undefined && owner !== conn.grant.id) return { code: 'forbidden', reason: 'that presence belongs to someone else' };
      if (!conn.awarenessIds.has(id)) fresh.add(id);
    }
    if (conn.awarenessIds.size + fresh.size > MAX_AWARENESS_IDS) return { code: 'badRequest', reason: `at most ${MAX_AWARENESS_IDS} presences per connection` };
    if (fresh.size > 0) {
      let ofLink = 0;
      for (const owner of this.owners.values()) if (owner === conn.grant.id) ofLink++;
      if (ofLink + fresh.size > MAX_AWARENESS_IDS_PER_LINK) return { code: 'badRequest', reason: `at most ${MAX_AWARENESS_IDS_PER_LINK} presences per link` };
    }
    return null;
  }

  claim(conn: Connection, id: number): void {
    this.owners.set(id, conn.grant.id);
  }

  forget(id: number): void {
    this.owners.delete(id);
  }
}
