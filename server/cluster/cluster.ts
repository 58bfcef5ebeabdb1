/**
 * Cross-node sync over Redis (REDIS_URL, ADR 028), put together: one publisher and one subscriber
 * connection, the per-document relay the rooms use, and the cluster-wide events. Nothing here is
 * created without REDIS_URL.
 */
import type { Logger } from '../logger.js';
import { ClusterEvents } from './cluster-events.js';
import { newNodeId, RelayCodec } from './codec.js';
import { DocRelay } from './doc-relay.js';
import { RedisBus } from './redis-bus.js';

export interface Cluster {
  /** This process's random id; the messages it sends carry it. */
  nodeId: string;
  relay: DocRelay;
  events: ClusterEvents;
  /** Whether Redis answers PING on the publisher and the subscriber is connected ([SO34]). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** Connects to Redis (in the background: a node starts and serves its own clients while Redis is away, [SO26]). */
export function startCluster({ redisUrl, secret, logger }: { redisUrl: string; secret: string; logger: Logger }): Cluster {
  const nodeId = newNodeId();
  const bus = new RedisBus(redisUrl, logger);
  const codec = new RelayCodec(nodeId, secret);
  return {
    nodeId,
    relay: new DocRelay(bus, codec, logger),
    events: new ClusterEvents(bus, codec, logger),
    ready: () => bus.ping(),
    close: () => bus.close(),
  };
}
