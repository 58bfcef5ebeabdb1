/**
 * What every node must do when one node does it (ADR 028), on the channel `plenary:cluster`:
 * a revoked link's sockets are closed on every node ([SO30]), a deleted assembly's documents are
 * dropped on every node ([SO31]). After Redis was away such a message may have been missed, so
 * `recheck` asks the store about every link with a socket here and every loaded assembly.
 */
import type { Logger } from '../logger.js';
import type { RelayCodec, RelayMessage } from './codec.js';
import type { RedisBus } from './redis-bus.js';

export const CLUSTER_CHANNEL = 'plenary:cluster';

export interface ClusterHandlers {
  /** Another node revoked this link: close its sockets here. */
  revoked(linkId: string): void;
  /** Another node deleted this assembly: drop it here. */
  deleted(assemblyId: string): Promise<void>;
  /** Redis was away: find revocations and deletions that may have been missed, in the store. */
  recheck(): Promise<void>;
}

export class ClusterEvents {
  private handlers: ClusterHandlers | null = null;
  private lastIgnoredLog = 0;

  constructor(
    private readonly bus: RedisBus,
    private readonly codec: RelayCodec,
    private readonly logger: Logger,
  ) {
    bus.on('message', (channel, payload) => {
      if (channel === CLUSTER_CHANNEL) this.heard(payload);
    });
    bus.on('resumed', () => {
      this.handlers?.recheck().catch((err) => this.logger.error('checking for missed revocations and deletions failed', { error: (err as Error).message }));
    });
  }

  /** Starts hearing the other nodes. */
  listen(handlers: ClusterHandlers): void {
    this.handlers = handlers;
    void this.bus.subscribe(CLUSTER_CHANNEL);
  }

  revoked(linkId: string): void {
    this.publish({ kind: 'revoked', linkId });
  }

  deleted(assemblyId: string): void {
    this.publish({ kind: 'deleted', assemblyId });
  }

  private publish(message: RelayMessage): void {
    this.bus.publish(CLUSTER_CHANNEL, this.codec.encode(CLUSTER_CHANNEL, message));
  }

  private heard(payload: Buffer): void {
    const decoded = this.codec.decode(CLUSTER_CHANNEL, payload);
    if (!decoded) {
      // One line per 10 s at most: whoever can write to Redis must not be able to flood the log.
      if (Date.now() - this.lastIgnoredLog >= 10_000) {
        this.lastIgnoredLog = Date.now();
        this.logger.warn('a message on the cluster channel that no node of ours sealed was ignored');
      }
      return;
    }
    if (decoded.from === this.codec.nodeId || !this.handlers) return;
    const { message } = decoded;
    if (message.kind === 'revoked') this.handlers.revoked(message.linkId);
    else if (message.kind === 'deleted') {
      this.handlers
        .deleted(message.assemblyId)
        .catch((err) => this.logger.error('dropping a deleted assembly failed', { assembly: message.assemblyId, error: (err as Error).message }));
    }
  }
}
