/**
 * Several Plenary nodes as real processes (`server/main.ts`, as `npm start` runs it) on one
 * throwaway PostgreSQL and one throwaway Redis, optionally behind the shipped HAProxy config:
 * the deployment deploy/README.md describes, on loopback.
 */
import { randomBytes } from 'node:crypto';
import { spawnServer, type ChildServer } from './child-server.js';
import { startBalancer, type TestBalancer } from './haproxy.js';
import { startPostgres, type PgCluster } from './postgres.js';
import { startRedis, type TestRedis } from './redis.js';
import { tempDataDir } from './server.js';

export interface TestCluster {
  pg: PgCluster;
  redis: TestRedis;
  databaseUrl: string;
  nodes: ChildServer[];
  /** The balancer in front of every node, when asked for. */
  balancer: TestBalancer | null;
  /** Kills a node with SIGKILL (no clean shutdown) and waits until it is gone. */
  kill(node: ChildServer): Promise<void>;
  stop(): Promise<void>;
}

export const portOf = (node: ChildServer) => Number(new URL(node.url).port);

export async function startCluster({ nodes = 2, balancer = false }: { nodes?: number; balancer?: boolean } = {}): Promise<TestCluster> {
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const databaseUrl = await pg.createDatabase('cluster');
  // One secret for every node: a session made on one is good on any other.
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, SESSION_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'error' };
  const started: ChildServer[] = [];
  let front: TestBalancer | null = null;
  const stop = async () => {
    await front?.stop();
    for (const node of started) {
      if (node.process.exitCode === null && node.process.signalCode === null) node.process.kill('SIGKILL');
      await node.exited;
    }
    await redis.stop();
    await pg.stop();
  };
  try {
    // One after the other: the first applies the migrations, the others find them done.
    for (let i = 0; i < nodes; i++) started.push(await spawnServer(tempDataDir(`plenary-node${i + 1}-`), env));
    if (balancer) front = await startBalancer(started.map(portOf));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    pg,
    redis,
    databaseUrl,
    nodes: started,
    balancer: front,
    async kill(node) {
      node.process.kill('SIGKILL');
      await node.exited;
    },
    stop,
  };
}
