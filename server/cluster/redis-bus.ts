/**
 * Plenary's two Redis connections (ADR 028): one publishes, one subscribes. Redis holds nothing
 * durable here: a message missed while a connection was down is made good from the store by the
 * listeners of `resumed`, never replayed from Redis ([SO25]).
 *
 * Neither connection queues commands while Redis is away (`enableOfflineQueue: false`): a publish
 * then fails at once and is dropped, so a Redis outage cannot grow this process's memory, and the
 * node goes on serving its own clients ([SO26]). The subscriber resubscribes itself on every
 * (re)connection, and only once Redis has confirmed the subscriptions is `resumed` emitted: a
 * catch-up read from the store before that could miss a change published in between.
 */
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export interface RedisBusEvents {
  /** A message on a channel this node listens to. */
  message: [channel: string, payload: Buffer];
  /** The subscriber is connected and every channel listened to is confirmed: messages may have been missed before. */
  resumed: [];
}

/** How long a readiness probe or a subscription waits for Redis to answer. */
const ANSWER_TIMEOUT_MS = 1000;

export class RedisBus extends EventEmitter<RedisBusEvents> {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channels = new Set<string>();
  /** Whether the last thing said in the log is that Redis is away (one line per outage, not per message). */
  private down = false;
  private closed = false;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    super();
    const options = {
      enableOfflineQueue: false,
      autoResubscribe: false,
      maxRetriesPerRequest: 1,
      // Reconnect quickly: a node cut off from the others is a node whose clients see less.
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
    };
    this.pub = new Redis(url, { ...options, connectionName: 'plenary-pub' });
    this.sub = new Redis(url, { ...options, connectionName: 'plenary-sub' });
    for (const [role, conn] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      // ioredis reports every failed attempt as an 'error' event; unheard, it would end the process.
      conn.on('error', (err: Error) => this.wentDown(role, err.message));
      conn.on('close', () => this.wentDown(role, 'connection closed'));
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.emit('message', channel.toString(), message));
    this.sub.on('ready', () => void this.resubscribe());
  }

  private wentDown(role: string, reason: string): void {
    if (this.closed || this.down) return;
    this.down = true;
    this.logger.warn('Redis is not reachable; this node serves its own clients and catches up from the store once it is back', { role, reason });
  }

  private async resubscribe(): Promise<void> {
    try {
      if (this.channels.size > 0) await this.sub.subscribe(...this.channels);
    } catch (err) {
      // The connection went again: its next 'ready' tries again.
      this.logger.warn('subscribing again after a reconnection failed', { error: (err as Error).message });
      return;
    }
    if (this.down) this.logger.info('Redis is reachable again');
    this.down = false;
    this.emit('resumed');
  }

  /** Whether the subscriber is connected (messages published now reach this node). */
  get listening(): boolean {
    return this.sub.status === 'ready';
  }

  /**
   * Starts listening to `channel`. True once Redis has confirmed it; false when Redis is away (the
   * channel is subscribed, and `resumed` emitted, when it is back).
   */
  async subscribe(channel: string): Promise<boolean> {
    this.channels.add(channel);
    if (!this.listening) return false;
    // A Redis that accepts the connection but does not answer must not hold up loading a document.
    return this.within(this.sub.subscribe(channel).then(() => true));
  }

  unsubscribe(channel: string): void {
    this.channels.delete(channel);
    if (this.listening) this.sub.unsubscribe(channel).catch(() => {});
  }

  /** Publishes, or drops the message when Redis is away (the other nodes catch up from the store). */
  publish(channel: string, payload: Buffer): void {
    if (this.pub.status !== 'ready') {
      this.wentDown('publisher', this.pub.status);
      return;
    }
    this.pub.publish(channel, payload).catch((err: Error) => this.wentDown('publisher', err.message));
  }

  /** Whether both connections are up and Redis answers PING within a second ([SO34]). */
  async ping(): Promise<boolean> {
    if (!this.listening || this.pub.status !== 'ready') return false;
    return this.within(this.pub.ping().then((answer) => answer === 'PONG'));
  }

  /** What `answer` says if Redis answers within a second; false if it fails or is late. */
  private async within(answer: Promise<boolean>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ANSWER_TIMEOUT_MS);
    });
    try {
      return await Promise.race([answer.catch(() => false), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
