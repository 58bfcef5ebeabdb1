import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import type { Connection } from './connection.js';
import type { DocName } from './doc-name.js';
import { MAX_FRAME_BYTES } from './doc-name.js';
import { mergeMany } from './merge.js';
import { Outgoing } from './outgoing.js';
import { WriterIntake } from './writer-intake.js';
import { AwarenessGuard } from './awareness-guard.js';
import { REMOTE, RemoteIntake } from './remote-intake.js';
import type { RoomRelay } from './relay.js';
import { ReaderReplies } from './reader-replies.js';
import { CloseCode, decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';

export interface RoomOptions {
  /** Fold the update log into a snapshot once it holds this many updates. */
  compactAfter: number;
  /** Other nodes serving the same documents (REDIS_URL, ADR 028); absent on a single node. */
  relay?: RoomRelay;
  /**
   * How long the first change of a batch waits for others before the batch is stored and sent,
   * in ms (PLENARY_BATCH_MS, for benchmarks, [PF10]). 0 or absent: what one turn of the event
   * loop applied, which already merges whatever arrived while the last batch was being sent.
   */
  batchWindowMs?: number;
}

export { REMOTE };

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

function isEmptyStateVector(sv: Uint8Array): boolean {
  return sv.length === EMPTY_STATE_VECTOR.length && sv[0] === EMPTY_STATE_VECTOR[0];
}

/**
 * One live document: its Y.Doc, the connections on it, and the path every change takes:
 * apply → batch → store → broadcast ([S5], [S6]).
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();

  private pending: Uint8Array[] = [];
  /** Connections whose updates are in `pending`; null once more than one has contributed. */
  private pendingOrigin: Connection | null | undefined = undefined;
  private flushScheduled = false;
  /** The batch window's timer while one runs ([PF10]); cleared when the room goes. */
  private batchTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private lastSeq = 0;
  private loggedSinceSnapshot = 0;
  private compacting = false;
  /** Full-state reply for clients that have nothing yet: shared by a join storm. */
  private fullStateReply: Uint8Array | null = null;
  private stateVectorMessage: Uint8Array | null = null;
  /** The whole state as one update, for server renders: shared by a join storm ([PF24]). */
  private stateUpdate: Uint8Array | null = null;
  private saveFailures = 0;
  private retryScheduled = false;
  /** What a writer's update must pass before the live document sees it. */
  private readonly intake: WriterIntake;
  private readonly presence = new AwarenessGuard();
  private readonly readerReplies: ReaderReplies;
  /** True while a checked client update is applied: the guard's copy has it already. */
  private applyingChecked = false;
  /** What reaches this document from the other nodes (ADR 028). */
  private readonly remote: RemoteIntake;

  private constructor(
    readonly name: DocName,
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly options: RoomOptions,
    clientOwners: Map<number, string>,
  ) {
    this.awareness.setLocalState(null);
    this.intake = new WriterIntake(name, this.doc, logger, clientOwners);
    this.readerReplies = new ReaderReplies(this.doc);
    this.remote = new RemoteIntake({
      name,
      doc: this.doc,
      awareness: this.awareness,
      connections: this.connections,
      store,
      logger,
      intake: this.intake,
      presence: this.presence,
      discarded: () => this.discarded,
    });
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** `clientOwners`: who wrote under which client id in this document, kept across loads ([F7]). */
  static async load(name: DocName, store: Store, logger: Logger, options: RoomOptions, clientOwners = new Map<number, string>()): Promise<Room> {
    const room = new Room(name, store, logger, options, clientOwners);
    const stored = await store.loadDoc(name.name);
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length > 0) {
      // One transaction for the whole log: 100,000 small updates apply in a few hundred ms
      // (Y.mergeUpdates is quadratic here: 10,000 updates take seconds).
      room.doc.off('update', room.onDocUpdate);
      room.doc.transact(() => {
        for (const part of parts) Y.applyUpdate(room.doc, part, room);
      }, room);
      room.doc.on('update', room.onDocUpdate);
    }
    room.intake.measured(parts.reduce((n, p) => n + p.length, 0));
    room.lastSeq = stored.lastSeq;
    room.loggedSinceSnapshot = stored.updates.length;
    if (room.loggedSinceSnapshot >= options.compactAfter) await room.compact();
    return room;
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullStateReply = null;
    this.stateVectorMessage = null;
    this.stateUpdate = null;
    this.readerReplies.clear();
    this.intake.took(update, !this.applyingChecked);
    if (origin === REMOTE) {
      // Already in the store (another node stored it before relaying it, [SO22]): shown at once.
      this.broadcast(encodeUpdate(update));
      return;
    }
    this.pending.push(update);
    const from = origin && (origin as Connection).socket ? (origin as Connection) : null;
    this.pendingOrigin = this.pendingOrigin === undefined ? from : this.pendingOrigin === from ? from : null;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      const go = () => {
        this.flushScheduled = false;
        this.batchTimer = null;
        void this.flush();
      };
      // Everything that arrives in this turn of the event loop, or within the window from the
      // batch's first change, goes out as one batch: one store write, one frame per socket.
      const windowMs = this.options.batchWindowMs ?? 0;
      if (windowMs > 0) this.batchTimer = setTimeout(go, windowMs);
      else setImmediate(go);
    }
  };

  /** Resolves once everything applied so far is stored and broadcast. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushBatch());
    return this.flushing;
  }

  /**
   * Stores everything applied so far and says whether all of it is stored. A change applied
   * while the last batch was being written (another writer's, on a store that answers later,
   * as Postgres does) is stored too, up to three batches in a row; false only when saving fails
   * or changes keep arriving faster than that (then the caller answers "try again").
   */
  async stored(): Promise<boolean> {
    for (let i = 0; i < 3; i++) {
      await this.flush();
      if (!this.hasUnsaved) return true;
      if (this.saveFailures > 0) return false;
    }
    return !this.hasUnsaved;
  }

  private async flushBatch(): Promise<void> {
    if (this.pending.length === 0 || this.discarded) return;
    const batch = this.pending;
    const origin = this.pendingOrigin ?? null;
    this.pending = [];
    this.pendingOrigin = undefined;
    const merged = mergeMany(batch);
    try {
      this.lastSeq = await this.store.appendUpdates(this.name.name, [merged]);
      this.saveFailures = 0;
    } catch (err) {
      // Keep it in memory, tell the log, try again; nobody hears of it before it is stored.
      this.pending.unshift(merged);
      this.pendingOrigin = null;
      this.saveFailures++;
      this.logger.error('saving an update failed; kept in memory, retrying', {
        doc: this.name.name,
        error: (err as Error).message,
        attempt: this.saveFailures,
      });
      if (!this.retryScheduled) {
        this.retryScheduled = true;
        setTimeout(
          () => {
            this.retryScheduled = false;
            void this.flush();
          },
          Math.min(5000, 50 * 2 ** this.saveFailures),
        );
      }
      return;
    }
    // Deleted while it was being written: nobody hears of it (the deletion sweeps the row, [SO31]).
    if (this.discarded) return;
    this.loggedSinceSnapshot++;
    this.broadcast(encodeUpdate(merged), origin);
    this.options.relay?.stored(this.name, merged, this.remote.ownersOf(merged));
    if (this.loggedSinceSnapshot >= this.options.compactAfter && !this.compacting) {
      setImmediate(() => void this.compact());
    }
  }

  /** Folds the update log into one snapshot ([S9]). */
  async compact(): Promise<void> {
    if (this.compacting || this.discarded) return;
    this.compacting = true;
    try {
      await this.flush();
      if (this.discarded) return;
      // The store folds the rows it holds, not this copy of the document: on several nodes
      // another node's row may be stored but not yet heard of here ([SO5]).
      const { snapshotBytes } = await this.store.compactDoc(this.name.name, this.lastSeq);
      this.loggedSinceSnapshot = 0;
      this.intake.measured(snapshotBytes + this.pending.reduce((n, p) => n + p.length, 0));
    } catch (err) {
      this.logger.error('compacting failed; the update log is intact', {
        doc: this.name.name,
        error: (err as Error).message,
      });
    } finally {
      this.compacting = false;
    }
  }

  /**
   * The document's whole state as one update, made once per change of the document and shared
   * by every reader until the next (a hall's phones render the same state, [PF24]). Read only.
   */
  stateAsUpdate(): Uint8Array {
    return (this.stateUpdate ??= Y.encodeStateAsUpdate(this.doc));
  }

  /** Sends one encoded message, the same buffer, to every connection but `except`. */
  broadcast(message: Uint8Array, except: Connection | null = null, writersOnly = false): void {
    const outgoing = new Outgoing(message);
    for (const conn of this.connections) {
      if (conn === except) continue;
      if (writersOnly && !conn.canWrite) continue;
      conn.send(outgoing);
    }
  }

  async join(conn: Connection): Promise<void> {
    if (this.discarded) {
      // Its assembly was deleted while this socket was being admitted.
      conn.close(CloseCode.notFound, 'assembly deleted');
      return;
    }
    this.connections.add(conn);
    // Writers learn what the server has so they send back what it lacks; readers' replies
    // would be dropped anyway ([S3]), so they are not asked.
    if (conn.canWrite) {
      this.stateVectorMessage ??= encodeSyncStep1(Y.encodeStateVector(this.doc));
      conn.send(this.stateVectorMessage);
      const states = this.awareness.getStates();
      if (states.size > 0) {
        conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
      }
    }
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.intake.forget(conn);
    if (conn.canWrite && ![...this.connections].some((c) => c.canWrite)) this.intake.dropCopy();
    if (conn.awarenessIds.size > 0) {
      // With the connection as origin, so the removal reaches other nodes too ([SO29]).
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], conn);
    }
  }

  /** Handles one frame from `conn`. Never throws: a bad frame closes that connection only. */
  async receive(conn: Connection, data: Uint8Array): Promise<void> {
    if (conn.isClosed) return;
    if (data.length > MAX_FRAME_BYTES[this.name.kind]) {
      conn.reject(CloseCode.tooLarge, `frame of ${data.length} bytes is over the limit`);
      return;
    }
    let message;
    try {
      message = decodeMessage(data);
    } catch (err) {
      conn.reject(CloseCode.badRequest, (err as Error).message);
      return;
    }
    switch (message.type) {
      case 'sync-step-1':
        if (!conn.takeSyncRequest()) {
          this.logger.warn('sync request refused: too many on one connection', { doc: this.name.name, role: conn.grant.role });
          conn.reject(CloseCode.badRequest, 'too many sync requests on one connection');
          return;
        }
        await this.replyToSyncStep1(conn, message.stateVector);
        return;
      case 'sync-step-2':
      case 'update':
        if (!conn.canWrite) return; // [S3] dropped: never applied, relayed or stored
        this.applyFrom(conn, message.update);
        return;
      case 'awareness':
        if (!conn.canWrite) return; // [S4]
        {
          const taken = this.presence.filter(conn, message.update, this.awareness, (id) => this.intake.ownerOf(id));
          if ('refusal' in taken) {
            this.logger.warn('presence refused', { doc: this.name.name, role: conn.grant.role, reason: taken.refusal.reason });
            conn.reject(CloseCode[taken.refusal.code], taken.refusal.reason);
            return;
          }
          if (!taken.update) return;
          message.update = taken.update;
        }
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn);
        } catch (err) {
          conn.reject(CloseCode.badRequest, `bad awareness update: ${(err as Error).message}`);
        }
        return;
      case 'query-awareness':
        if (conn.canWrite) {
          conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        }
        return;
      default: {
        const never: never = message;
        throw new Error(`unhandled message ${(never as { type: string }).type}`);
      }
    }
  }

  /** A writer's update, once the intake lets it through ([F1]–[F7], [B8]), reaches the live document. */
  private applyFrom(conn: Connection, update: Uint8Array): void {
    const admitted = this.intake.admit(conn, update);
    if (!admitted) return;
    this.applyingChecked = true;
    try {
      Y.applyUpdate(this.doc, admitted, conn);
    } finally {
      this.applyingChecked = false;
    }
  }

  private async replyToSyncStep1(conn: Connection, stateVector: Uint8Array): Promise<void> {
    // Whatever a client is shown must already be stored ([S6]); flush() also waits for a batch
    // already being written.
    const stored = await this.stored();
    if (conn.isClosed) return;
    if (!stored) {
      // Saving is failing: show nothing unsaved. 1013 makes the client retry a little later.
      conn.close(CloseCode.tryAgainLater, 'the document cannot be saved right now');
      return;
    }
    const full = () => (this.fullStateReply ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc)));
    if (isEmptyStateVector(stateVector)) {
      conn.send(full());
      return;
    }
    let reply: Uint8Array;
    try {
      // Writers are few and known: each gets its exact diff. Readers hold the public link ([S12]).
      reply = conn.canWrite ? encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)) : this.readerReplies.reply(stateVector, full);
    } catch (err) {
      conn.reject(CloseCode.badRequest, `bad state vector: ${(err as Error).message}`);
      return;
    }
    conn.send(reply);
  }

  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = [...added, ...updated, ...removed];
    const conn = origin && (origin as Connection).socket ? (origin as Connection) : null;
    if (conn) {
      for (const id of [...added, ...updated]) {
        conn.awarenessIds.add(id);
        this.presence.claim(conn, id);
        // A writer's presence id is its document client id: nobody else may write under it ([F7]).
        this.intake.claimClient(id, conn.grant.id);
      }
    }
    for (const id of removed) {
      conn?.awarenessIds.delete(id);
      this.presence.forget(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    // Presence is for writers only: 1,000 attendees hearing every cursor is O(n²) traffic.
    this.broadcast(encodeAwareness(update), null, true);
    // Only what this node's own writers said travels; remote and timed-out entries do not ([SO29]).
    if (conn) this.options.relay?.presence(this.name, update, conn.grant.id);
  };

  /** A batch another node stored ([SO23]): see RemoteIntake.applyRemote. */
  applyRemote(update: Uint8Array, owners: [number, string][]): void {
    this.remote.applyRemote(update, owners);
  }

  /** Presence one link's writer announced on another node ([SO29]): see RemoteIntake. Throws on a malformed update. */
  applyRemotePresence(update: Uint8Array, link: string): void {
    this.remote.applyRemotePresence(update, link);
  }

  /** This node's own writers' presence, one update per link, for a node that just loaded the document. */
  localPresence(): [link: string, update: Uint8Array][] {
    return this.remote.localPresence();
  }

  /** Reads the document back from the store and applies what this copy lacks ([SO25]): see RemoteIntake. */
  catchUp(): Promise<void> {
    return this.remote.catchUp();
  }

  /** True while changes are in memory but not yet stored (a save is failing or pending). */
  get hasUnsaved(): boolean {
    return this.pending.length > 0;
  }

  get isEmpty(): boolean {
    return this.connections.size === 0;
  }

  private stopBatchTimer(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    this.flushScheduled = false;
  }

  /** Set when the assembly is deleted: nothing more of this document is ever written. */
  private discarded = false;

  /**
   * Drops the document without writing anything more (its assembly is being deleted); resolves
   * once a save already under way has returned, so the deletion comes after it ([SO31]).
   */
  async discard(): Promise<void> {
    this.discarded = true;
    this.stopBatchTimer();
    this.pending = [];
    this.intake.dropCopy();
    for (const conn of this.connections) conn.close(CloseCode.notFound, 'assembly deleted');
    this.awareness.destroy();
    this.doc.destroy();
    await this.flushing;
  }

  async destroy(): Promise<void> {
    if (this.discarded) return;
    // What the window was holding is written now, not when it ends.
    this.stopBatchTimer();
    await this.flush();
    if (this.loggedSinceSnapshot > 0) await this.compact();
    this.intake.dropCopy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
