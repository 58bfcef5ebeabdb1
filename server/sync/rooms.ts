import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import type { DocName } from './doc-name.js';
import { Room, type RoomOptions } from './room.js';

export interface RoomsOptions extends RoomOptions {
  /** How long an empty document stays loaded, in case its clients come straight back. */
  unloadAfterMs: number;
}

/** The registry of live documents: loads each once, unloads it after its last client leaves. */
export class Rooms {
  private readonly live = new Map<string, Promise<Room>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms being written out; a new load of the same name waits for it. */
  private readonly unloading = new Map<string, Promise<void>>();
  /** Assemblies deleted while this process runs: their documents are never loaded again. */
  private readonly deleted = new Set<string>();
  /**
   * Which link wrote under each Yjs client id, per document ([F7]): kept when a document unloads
   * (table notes empty and unload often), lost only when the process ends.
   */
  private readonly clientOwners = new Map<string, Map<number, string>>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly options: RoomsOptions,
  ) {}

  /** The live room for `name`, loading it from storage on first use. */
  acquire(name: DocName): Promise<Room> {
    if (this.deleted.has(name.assemblyId)) return Promise.reject(new Error(`assembly ${name.assemblyId} was deleted`));
    const timer = this.unloadTimers.get(name.name);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(name.name);
    }
    let room = this.live.get(name.name);
    if (!room) {
      const previous = this.unloading.get(name.name) ?? Promise.resolve();
      let owners = this.clientOwners.get(name.name);
      if (!owners) this.clientOwners.set(name.name, (owners = new Map()));
      const kept = owners;
      room = previous.then(() => this.load(name, kept));
      this.live.set(name.name, room);
      room.catch(() => {
        if (this.live.get(name.name) === room) this.live.delete(name.name);
      });
    }
    return room;
  }

  /** Loads a room; with other nodes, their channel for it is heard before the store is read ([SO24]). */
  private async load(name: DocName, owners: Map<number, string>): Promise<Room> {
    const { relay } = this.options;
    if (!relay) return Room.load(name, this.store, this.logger, this.options, owners);
    await relay.opening(name);
    try {
      const room = await Room.load(name, this.store, this.logger, this.options, owners);
      relay.opened(room);
      return room;
    } catch (err) {
      relay.closed(name);
      throw err;
    }
  }

  /** Called when a connection left `room`: schedules the unload if it was the last. */
  release(room: Room): void {
    if (!room.isEmpty || this.unloadTimers.has(room.name.name)) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.name.name);
      if (!room.isEmpty) return;
      this.live.delete(room.name.name);
      this.options.relay?.closed(room.name);
      const done = room
        .destroy()
        .catch((err) => this.logger.error('unloading a document failed', { doc: room.name.name, error: (err as Error).message }))
        .finally(() => this.unloading.delete(room.name.name));
      this.unloading.set(room.name.name, done);
    }, this.options.unloadAfterMs);
    timer.unref();
    this.unloadTimers.set(room.name.name, timer);
  }

  /** The assemblies with a document loaded (or loading) right now. */
  loadedAssemblies(): string[] {
    return [...new Set([...this.live.keys()].map((name) => name.slice(0, name.indexOf('/'))))];
  }

  /** Whether a document is loaded right now. */
  isLoaded(name: string): boolean {
    return this.live.has(name);
  }

  /**
   * Drops every loaded document of an assembly without writing (its connections are closed with
   * 4404), and waits for any that were being written out, so nothing of it is written afterwards.
   */
  async discardAssembly(assemblyId: string): Promise<void> {
    const prefix = `${assemblyId}/`;
    // First, so a socket or a command that passed its check a moment ago cannot load it again.
    this.deleted.add(assemblyId);
    for (const name of [...this.clientOwners.keys()]) if (name.startsWith(prefix)) this.clientOwners.delete(name);
    await Promise.allSettled([...this.unloading.entries()].filter(([name]) => name.startsWith(prefix)).map(([, done]) => done));
    for (const [name, room] of [...this.live.entries()]) {
      if (!name.startsWith(prefix)) continue;
      this.live.delete(name);
      const timer = this.unloadTimers.get(name);
      if (timer) clearTimeout(timer);
      this.unloadTimers.delete(name);
      await room
        .then((r) => {
          this.options.relay?.closed(r.name);
          return r.discard();
        })
        .catch(() => {});
    }
  }

  /** Flushes and unloads every document. */
  async closeAll(): Promise<void> {
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    const rooms = await Promise.allSettled([...this.live.values()]);
    this.live.clear();
    for (const r of rooms) {
      if (r.status !== 'fulfilled') continue;
      this.options.relay?.closed(r.value.name);
      await r.value.destroy();
    }
  }
}
