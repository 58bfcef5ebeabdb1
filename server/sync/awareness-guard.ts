/**
 * Presence from writers, bounded and not spoofable ([S4], [S11]): each awareness message is at
 * most MAX_AWARENESS_BYTES, a connection speaks for at most MAX_AWARENESS_IDS client ids, and an id
 * belongs to the link whose connection announced it (a reconnect of the same link takes it back;
 * another link cannot write someone's name or cursor).
 */
import * as decoding from 'lib0/decoding';
import type { Connection } from './connection.js';

export const MAX_AWARENESS_BYTES = 16 * 1024;
export const MAX_AWARENESS_IDS = 4;

export interface AwarenessRefusal {
  code: 'tooLarge' | 'forbidden' | 'badRequest';
  reason: string;
}

/** The client ids an awareness update speaks for; throws on a malformed update. */
function idsIn(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder); // clock
    decoding.readVarString(decoder); // state, as JSON
  }
  return ids;
}

export class AwarenessGuard {
  /** Awareness client id → the link that announced it. */
  private readonly owners = new Map<number, string>();

  /** Why `conn` may not send `update`, or null when it may. */
  check(conn: Connection, update: Uint8Array): AwarenessRefusal | null {
    if (update.length > MAX_AWARENESS_BYTES) return { code: 'tooLarge', reason: `presence is at most ${MAX_AWARENESS_BYTES} bytes` };
    let ids: number[];
    try {
      ids = idsIn(update);
    } catch (err) {
      return { code: 'badRequest', reason: `bad awareness update: ${(err as Error).message}` };
    }
    const fresh = new Set<number>();
    for (const id of ids) {
      const owner = this.owners.get(id);
      if (owner !== undefined && owner !== conn.grant.id) return { code: 'forbidden', reason: 'that presence belongs to someone else' };
      if (!conn.awarenessIds.has(id)) fresh.add(id);
    }
    if (conn.awarenessIds.size + fresh.size > MAX_AWARENESS_IDS) return { code: 'badRequest', reason: `at most ${MAX_AWARENESS_IDS} presences per connection` };
    return null;
  }

  claim(conn: Connection, id: number): void {
    this.owners.set(id, conn.grant.id);
  }

  forget(id: number): void {
    this.owners.delete(id);
  }
}
