/**
 * Sync replies for read-only connections ([S12]). A reader's state vector is trimmed to what the
 * document has (unknown clients and clocks beyond ours change nothing in the reply), replies are
 * cached per trimmed vector until the document changes, and fresh diffs are limited per second:
 * past that, a reader gets the shared full-state reply. Readers hold the public link, so a script
 * sending made-up state vectors from many sockets costs the server a bounded amount of work.
 */
import * as Y from 'yjs';
import { encodeSyncStep2 } from './protocol.js';

const CACHED = 32;
const DIFFS_PER_SECOND = 20;

export class ReaderReplies {
  private readonly cache = new Map<string, Uint8Array>();
  private tokens = DIFFS_PER_SECOND;
  private refilledAt = Date.now();

  constructor(private readonly doc: Y.Doc) {}

  /** Forgets every cached reply (the document changed). */
  clear(): void {
    this.cache.clear();
  }

  /** The sync step 2 for a reader's state vector; `full` gives the shared full-state reply. Throws on a malformed vector. */
  reply(stateVector: Uint8Array, full: () => Uint8Array): Uint8Array {
    const theirs = Y.decodeStateVector(stateVector);
    const ours = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    const trimmed = new Map<number, number>();
    for (const [client, clock] of [...theirs].sort((a, b) => a[0] - b[0])) {
      const have = ours.get(client);
      if (have !== undefined && clock > 0) trimmed.set(client, Math.min(clock, have));
    }
    if (trimmed.size === 0) return full();
    const key = [...trimmed].map(([c, k]) => `${c}:${k}`).join(',');
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (!this.take()) return full();
    const reply = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(trimmed)));
    if (this.cache.size >= CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, reply);
    return reply;
  }

  private take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(DIFFS_PER_SECOND, this.tokens + ((now - this.refilledAt) / 1000) * DIFFS_PER_SECOND);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
