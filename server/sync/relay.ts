/**
 * What the sync core tells other Plenary nodes, and when (ADR 028). The sync layer only calls this
 * interface; server/cluster/ implements it over Redis. Without REDIS_URL there is no relay and no
 * code path here is taken.
 */
import type { DocName } from './doc-name.js';
import type { Room } from './room.js';

export interface RoomRelay {
  /**
   * A room for `name` is about to be loaded from the store: start hearing its channel first, so
   * nothing stored after the load reads the store is missed ([SO24]). Resolves once the channel is
   * heard, or once it is known it cannot be (the room is then caught up when Redis is back).
   */
  opening(name: DocName): Promise<void>;
  /** The room loaded: what was heard meanwhile is applied, and from now on as it comes. */
  opened(room: Room): void;
  /** The room is gone (unloaded, discarded, or its load failed): stop hearing its channel. */
  closed(name: DocName): void;
  /**
   * A batch is stored ([SO22]): tell the other nodes. `owners`: which link wrote under each Yjs
   * client id of the batch, so the other nodes keep [F7] and [S11] for them.
   */
  stored(name: DocName, update: Uint8Array, owners: [client: number, link: string][]): void;
  /** Presence changed by one link's connection on this node (writers only, [S4]). */
  presence(name: DocName, update: Uint8Array, link: string): void;
}
