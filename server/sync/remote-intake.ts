import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import type { AwarenessGuard } from './awareness-guard.js';
import { presenceEntries } from './awareness-guard.js';
import type { Connection } from './connection.js';
import { dependsOnMissing, stateVectorOf } from './dependencies.js';
import type { DocName } from './doc-name.js';
import type { WriterIntake } from './writer-intake.js';

/**
 * The origin of changes another node stored and relayed, or read back from the store: applied
 * and broadcast here, never stored or relayed again ([SO23]).
 */
export const REMOTE = Symbol('remote');

/** A document as the store holds it now, with the sequence number it is complete up to. */
async function storedNow(store: Store, name: string): Promise<{ doc: Y.Doc; lastSeq: number }> {
  const stored = await store.loadDoc(name);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
  });
  return { doc, lastSeq: stored.lastSeq };
}

/** What of its room the cross-node part reads and writes. */
export interface RoomParts {
  name: DocName;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  connections: ReadonlySet<Connection>;
  store: Store;
  logger: Logger;
  intake: WriterIntake;
  presence: AwarenessGuard;
  /** True once the assembly is deleted: nothing more is applied. */
  discarded: () => boolean;
}

/**
 * What reaches one live document from the other nodes (ADR 028), apart from its room's own path
 * (apply → batch → store → broadcast): their stored batches, their writers' presence, and the
 * store itself when a message was missed. Everything it applies has the REMOTE origin, so the
 * room shows it to this node's clients and never stores or relays it again.
 */
export class RemoteIntake {
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;

  constructor(private readonly room: RoomParts) {}

  /** Which link wrote under each client id of a stored batch, as far as this node knows ([F7]). */
  ownersOf(update: Uint8Array): [number, string][] {
    const owners: [number, string][] = [];
    for (const client of Y.parseUpdateMeta(update).from.keys()) {
      const link = this.room.intake.ownerOf(client);
      if (link !== undefined) owners.push([client, link]);
    }
    return owners;
  }

  /**
   * A batch another node stored ([SO23]): applied to the live document and sent to this node's
   * clients, never stored or relayed again. Client ids are claimed for the links that wrote under
   * them there ([F7]). One that builds on something this node never heard means a message was
   * missed: the store has everything, so the document catches up from it instead ([SO25]).
   */
  applyRemote(update: Uint8Array, owners: [number, string][]): void {
    const { doc, intake, logger, name } = this.room;
    if (this.room.discarded()) return;
    for (const [client, link] of owners) intake.claimClient(client, link);
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (err) {
      logger.warn('a relayed update does not decode; ignored', { doc: name.name, error: (err as Error).message });
      return;
    }
    if (dependsOnMissing(decoded, stateVectorOf(doc))) {
      void this.catchUp();
      return;
    }
    Y.applyUpdate(doc, update, REMOTE);
  }

  /**
   * Presence one link's writer announced on another node ([SO29]): the ids are that link's here
   * too ([S11], [F7]), and the entries expire like any other when they stop being renewed (a dead
   * node's writers disappear after y-protocols' 30 s outdated timeout). Throws on a malformed update.
   */
  applyRemotePresence(update: Uint8Array, link: string): void {
    if (this.room.discarded()) return;
    for (const entry of presenceEntries(update)) {
      if (entry.state === null) continue;
      this.room.presence.claimFor(link, entry.id);
      this.room.intake.claimClient(entry.id, link);
    }
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, update, REMOTE);
  }

  /** This node's own writers' presence, one update per link, for a node that just loaded the document. */
  localPresence(): [link: string, update: Uint8Array][] {
    const byLink = new Map<string, number[]>();
    const states = this.room.awareness.getStates();
    for (const conn of this.room.connections) {
      for (const id of conn.awarenessIds) {
        if (!states.has(id)) continue;
        const ids = byLink.get(conn.grant.id) ?? [];
        ids.push(id);
        byLink.set(conn.grant.id, ids);
      }
    }
    return [...byLink].map(([link, ids]) => [link, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, ids)]);
  }

  /**
   * Reads the document back from the store and applies what this copy lacks (a state vector
   * diff), sending it to this node's clients ([SO25]): after Redis dropped messages, or when a
   * relayed change builds on one that never came. Never from Redis alone. Calls while one runs
   * make it run once more.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    const { doc, store, logger, name } = this.room;
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        const stored = await storedNow(store, name.name);
        if (!this.room.discarded()) Y.applyUpdate(doc, Y.encodeStateAsUpdate(stored.doc, Y.encodeStateVector(doc)), REMOTE);
        stored.doc.destroy();
      } while (this.catchUpAgain && !this.room.discarded());
    })()
      .catch((err) => logger.error('catching up from the store failed', { doc: name.name, error: (err as Error).message }))
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
  }
}
