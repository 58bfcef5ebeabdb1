/**
 * Per-document fan-out between nodes (ADR 028): a node listens to `plenary:doc:<name>` while it
 * has that document loaded, so it hears only the documents it has clients for ([SO21]). Batches
 * are published once stored ([SO22]) and applied by the others without being stored or published
 * again ([SO23]); presence likewise ([SO29]). What arrives while a document loads waits and is
 * applied after ([SO24]); after Redis was away, every loaded document catches up from the store
 * ([SO25]).
 */
import type { Logger } from '../logger.js';
import type { DocName } from '../sync/doc-name.js';
import type { RoomRelay } from '../sync/relay.js';
import type { Room } from '../sync/room.js';
import type { RelayCodec, RelayMessage } from './codec.js';
import type { RedisBus } from './redis-bus.js';

export const docChannel = (name: string): string => `plenary:doc:${name}`;
const DOC_PREFIX = 'plenary:doc:';

/** Messages kept for a document still loading; past this it catches up from the store instead. */
const MAX_WAITING = 10_000;

interface Entry {
  name: DocName;
  room: Room | null;
  /** Heard while loading. */
  waiting: RelayMessage[];
  /** Something may have been missed: read the store once loaded. */
  catchUp: boolean;
}

export class DocRelay implements RoomRelay {
  private readonly docs = new Map<string, Entry>();
  /** Messages ignored because they were not sealed by a node of ours, or malformed ([SO33]). */
  ignored = 0;
  private lastIgnoredLog = 0;

  constructor(
    private readonly bus: RedisBus,
    private readonly codec: RelayCodec,
    private readonly logger: Logger,
  ) {
    bus.on('message', (channel, payload) => {
      if (channel.startsWith(DOC_PREFIX)) this.heard(channel.slice(DOC_PREFIX.length), channel, payload);
    });
    bus.on('resumed', () => this.catchUpAll());
  }

  async opening(name: DocName): Promise<void> {
    const entry: Entry = { name, room: null, waiting: [], catchUp: false };
    this.docs.set(name.name, entry);
    if (!(await this.bus.subscribe(docChannel(name.name)))) entry.catchUp = true;
  }

  opened(room: Room): void {
    const entry = this.docs.get(room.name.name);
    if (!entry) return;
    entry.room = room;
    for (const message of entry.waiting.splice(0)) this.deliver(room, message);
    if (entry.catchUp) {
      entry.catchUp = false;
      void room.catchUp();
    }
    // Writers on other nodes renew their presence every 15 s; asking spares this node's writers the wait.
    this.publish(room.name, { kind: 'presence-query' });
  }

  closed(name: DocName): void {
    if (!this.docs.delete(name.name)) return;
    this.bus.unsubscribe(docChannel(name.name));
  }

  stored(name: DocName, update: Uint8Array, owners: [number, string][]): void {
    this.publish(name, { kind: 'update', update, owners });
  }

  presence(name: DocName, update: Uint8Array, link: string): void {
    this.publish(name, { kind: 'presence', update, link });
  }

  private publish(name: DocName, message: RelayMessage): void {
    const channel = docChannel(name.name);
    this.bus.publish(channel, this.codec.encode(channel, message));
  }

  private heard(name: string, channel: string, payload: Buffer): void {
    const entry = this.docs.get(name);
    if (!entry) return;
    const decoded = this.codec.decode(channel, payload);
    if (!decoded) {
      this.ignore(name);
      return;
    }
    if (decoded.from === this.codec.nodeId) return;
    if (!entry.room) {
      if (entry.waiting.length < MAX_WAITING) entry.waiting.push(decoded.message);
      else entry.catchUp = true;
      return;
    }
    this.deliver(entry.room, decoded.message);
  }

  private deliver(room: Room, message: RelayMessage): void {
    try {
      switch (message.kind) {
        case 'update':
          room.applyRemote(message.update, message.owners);
          return;
        case 'presence':
          room.applyRemotePresence(message.update, message.link);
          return;
        case 'presence-query':
          for (const [link, update] of room.localPresence()) this.presence(room.name, update, link);
          return;
        default:
          // Cluster-wide messages have a channel of their own.
          this.ignore(room.name.name);
      }
    } catch (err) {
      // A sealed message that still does not apply is a bug or a node of another version: logged, never fatal.
      this.logger.warn('a relayed message could not be applied; ignored', { doc: room.name.name, kind: message.kind, error: (err as Error).message });
    }
  }

  private ignore(doc: string): void {
    this.ignored++;
    const now = Date.now();
    if (now - this.lastIgnoredLog < 10_000) return;
    this.lastIgnoredLog = now;
    this.logger.warn('messages on a document channel that no node of ours sealed were ignored', { doc, ignored: this.ignored });
  }

  /** After Redis was away: every loaded document reads the store back; those loading do once loaded. */
  private catchUpAll(): void {
    for (const entry of this.docs.values()) {
      if (entry.room) void entry.room.catchUp();
      else entry.catchUp = true;
    }
  }
}
