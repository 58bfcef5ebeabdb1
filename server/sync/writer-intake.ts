/**
 * What a writer's update must pass before the live document sees it ([F1]–[F7], [B8]): decoding,
 * dependencies (held back a little while, never applied half-way), client ids, the document's
 * size limit and the writer's field-level rights (WriteGuard). One per room.
 */
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import type { Connection } from './connection.js';
import { MAX_DOC_BYTES, type DocName } from './doc-name.js';
import { dependsOnMissing, stateVectorOf } from './dependencies.js';
import { CloseCode } from './protocol.js';
import { WriteGuard } from './write-guard.js';

/** How much a writer's updates may wait for what they build on, and for how long ([F5]). */
export const HELD_BYTES = 256 * 1024;
export const HELD_MS = 10_000;
export const HELD_FRAMES = 64;
/** Everything waiting in one document, across its writers' connections. */
export const ROOM_HELD_BYTES = 1024 * 1024;
/** What one deleted range may add to a document's encoding (an item split in two). */
const SPLIT_BYTES = 24;

export class WriterIntake {
  private readonly guard: WriteGuard;
  /**
   * The document's encoded size as last measured, plus everything applied since: an upper bound
   * (overwritten values shrink when compacted), measured again when it reaches the limit.
   */
  private sizeEstimate = 0;
  /** Bytes waiting across all connections ([F5]). */
  private heldBytes = 0;

  constructor(
    private readonly name: DocName,
    private readonly live: Y.Doc,
    private readonly logger: Logger,
    /**
     * Which link wrote under each Yjs client id, as far as this process has seen ([F7]). A writer
     * who writes under another link's client id could take the clock numbers of that writer's
     * offline edits, which the server would then drop as already known. Owned by Rooms, so it
     * outlives this document's unloading.
     */
    private readonly clientOwners: Map<number, string>,
  ) {
    this.guard = new WriteGuard(name, live);
    // Nobody writes under the server's own client id (the one its commands are made with).
    this.clientOwners.set(live.clientID, 'server');
  }

  /** The link that wrote (or announced presence) under client id `id`, if any ([F7]). */
  ownerOf(id: number): string | undefined {
    return this.clientOwners.get(id);
  }

  /** `link` announced presence as `id`: it owns that client id unless someone wrote under it first. */
  claimClient(id: number, link: string): void {
    if (!this.clientOwners.has(id)) this.clientOwners.set(id, link);
  }

  /** The live document took `update`; `mirror` when the guard's copy does not have it yet. */
  took(update: Uint8Array, mirror: boolean): void {
    if (mirror) this.guard.mirror(update);
    this.sizeEstimate += update.length;
  }

  /** The document's size is now known to be `bytes` (loaded or compacted). */
  measured(bytes: number): void {
    this.sizeEstimate = bytes;
  }

  /** Forgets the guard's copy of the document (no writers left, or the room is going). */
  dropCopy(): void {
    this.guard.drop();
  }

  /**
   * The update to apply for `update` from `conn` (with anything it waited for), or null: held
   * back until what it builds on arrives, or refused (the socket is closed). An update passes only
   * if it decodes, builds on nothing the server lacks, is written under the writer's own client
   * ids, fits the document's size limit, and changes only what the writer's role may change.
   */
  admit(conn: Connection, update: Uint8Array): Uint8Array | null {
    const held = this.held.get(conn);
    let candidate = update;
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    const known = stateVectorOf(this.live);
    try {
      // Decode fully before integrating, so a malformed update cannot be half applied.
      decoded = Y.decodeUpdate(update);
      // While updates wait, one that itself still builds on missing changes waits too, without
      // merging: only a frame that could complete them costs a merge ([F5]).
      if (held && dependsOnMissing(decoded, known)) {
        this.hold(conn, update);
        return null;
      }
      if (held) {
        candidate = Y.mergeUpdates([...held.updates, update]);
        decoded = Y.decodeUpdate(candidate);
      }
    } catch (err) {
      conn.reject(CloseCode.badRequest, `bad update: ${(err as Error).message}`);
      return null;
    }
    if (dependsOnMissing(decoded, known)) {
      this.hold(conn, update);
      return null;
    }
    this.forget(conn);
    const foreign = this.foreignClient(conn, decoded, known);
    if (foreign !== null) {
      this.logger.warn('update refused: written under another writer’s client id', { doc: this.name.name, role: conn.grant.role });
      conn.reject(CloseCode.forbidden, `client id ${foreign} belongs to another writer`);
      return null;
    }
    // Each deleted range can split an item in two: its bytes do not show how much it grows the document.
    let ranges = 0;
    decoded.ds.clients.forEach((r) => (ranges += r.length));
    if (!this.fits(candidate.length + ranges * SPLIT_BYTES)) {
      this.logger.warn('update refused: the document is full', { doc: this.name.name, role: conn.grant.role, bytes: candidate.length });
      conn.reject(CloseCode.tooLarge, `the document is full (${MAX_DOC_BYTES[this.name.kind]} bytes)`);
      return null;
    }
    const verdict = this.guard.check(conn.grant, candidate);
    if (!verdict.ok) {
      this.logger.warn('update refused', { doc: this.name.name, role: conn.grant.role, reason: verdict.reason });
      conn.reject(verdict.code === 'forbidden' ? CloseCode.forbidden : CloseCode.badRequest, verdict.reason);
      return null;
    }
    for (const s of decoded.structs) if (!(s instanceof Y.Skip) && !this.clientOwners.has(s.id.client)) this.clientOwners.set(s.id.client, conn.grant.id);
    return candidate;
  }

  /** A client id in `decoded` another link (or the server) wrote under, or null. */
  private foreignClient(conn: Connection, decoded: ReturnType<typeof Y.decodeUpdate>, known: Map<number, number>): number | null {
    for (const s of decoded.structs) {
      if (s instanceof Y.Skip) continue;
      // Already held by the server (a reconnecting client resends what it has): no claim.
      if (s.id.clock + s.length <= (known.get(s.id.client) ?? 0)) continue;
      const owner = this.clientOwners.get(s.id.client);
      if (owner !== undefined && owner !== conn.grant.id) return s.id.client;
    }
    return null;
  }

  /**
   * Updates a writer sent that build on changes it has not sent yet ([F5]): a reconnecting client
   * may send a fresh edit just before its sync reply with the offline edits under it. They wait,
   * per connection, at most HELD_BYTES and HELD_MS; then the socket is closed and they are dropped.
   */
  private readonly held = new Map<Connection, { updates: Uint8Array[]; bytes: number; timer: NodeJS.Timeout }>();

  private hold(conn: Connection, update: Uint8Array): void {
    const entry = this.held.get(conn);
    const bytes = (entry?.bytes ?? 0) + update.length;
    if (bytes > HELD_BYTES || (entry?.updates.length ?? 0) >= HELD_FRAMES || this.heldBytes + update.length > ROOM_HELD_BYTES) {
      this.forget(conn);
      conn.reject(CloseCode.badRequest, 'updates whose dependencies never arrived');
      return;
    }
    this.heldBytes += update.length;
    if (entry) {
      entry.updates.push(update);
      entry.bytes = bytes;
      return;
    }
    const timer = setTimeout(() => {
      this.forget(conn);
      conn.reject(CloseCode.badRequest, 'updates whose dependencies never arrived');
    }, HELD_MS);
    timer.unref();
    this.held.set(conn, { updates: [update], bytes, timer });
  }

  /** Drops what `conn` had waiting (it left, or what it waited for came). */
  forget(conn: Connection): void {
    const entry = this.held.get(conn);
    if (!entry) return;
    this.heldBytes -= entry.bytes;
    clearTimeout(entry.timer);
    this.held.delete(conn);
  }

  /** Whether `bytes` more fit under the document's limit ([B8]); measures when the estimate says no. */
  private fits(bytes: number): boolean {
    const limit = MAX_DOC_BYTES[this.name.kind];
    if (this.sizeEstimate + bytes <= limit) return true;
    this.sizeEstimate = Y.encodeStateAsUpdate(this.live).length;
    return this.sizeEstimate + bytes <= limit;
  }
}
