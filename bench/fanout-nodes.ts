/**
 * Fan-out across nodes (issue 16): N readers on one document, split over two Plenary nodes on one
 * PostgreSQL and one Redis, beside one Plenary node on SQLite and the reference server
 * (@y/websocket-server 0.1.1), same load, one run.
 *
 *   npm run bench:nodes -- --readers 1000 --rate 5 --seconds 15
 *
 * One writer (a stock y-websocket client on a facilitator link; on two nodes it is on node A) sets
 * the document's title `rate` times a second to a marker `T#<n>#`; each reader is a bare socket
 * that syncs once and then only looks for the marker in the frames' bytes and timestamps it (no
 * Y.Doc per reader: the client process must not dominate the latency). Reported per target:
 * write→reader p50/p99/max over every delivery; on two nodes also per node (B's readers hear the
 * writer through Redis: the cross-node hop is B's latency minus A's), and server CPU per update
 * for each node, from /proc/<pid>/stat over the measured window.
 */
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import { arg, cpuSeconds, percentile, sleep, whenSynced } from './lib.js';
import { spawnServer, type ChildServer } from '../tests/helpers/child-server.js';
import { createAssembly, tempDataDir } from '../tests/helpers/server.js';
import { startPostgres } from '../tests/helpers/postgres.js';
import { startRedis } from '../tests/helpers/redis.js';
import { setMeta } from '../app/model/meta.js';

process.setMaxListeners(0);

const READERS = arg('readers', 1000);
const RATE = arg('rate', 5);
const SECONDS = arg('seconds', 15);

interface Node {
  name: string;
  pid: number;
  /** ws URL of the document, for a reader or the writer. */
  url(as: 'reader' | 'writer'): string;
}

interface Setup {
  name: string;
  /** Readers are dealt to these in turn; the writer is on the first. */
  nodes: Node[];
  stop(): Promise<void>;
}

const MARK = Buffer.from('T#');

/** A bare reader: one sync, then a timestamp for every marker seen in a frame. */
function lightReader(url: string, onMark: (n: number, at: number) => void): { ready: Promise<void>; close(): void } {
  const ws = new WebSocket(url);
  ws.binaryType = 'nodebuffer';
  const ready = new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, new Y.Doc());
      ws.send(encoding.toUint8Array(e));
    });
    ws.once('error', reject);
    let first = true;
    ws.on('message', (data: Buffer) => {
      const at = performance.now();
      if (first) {
        first = false;
        resolve();
      }
      for (let i = data.indexOf(MARK); i >= 0; i = data.indexOf(MARK, i + 2)) {
        const end = data.indexOf(0x23, i + 2);
        if (end > i + 2) onMark(Number(data.toString('latin1', i + 2, end)), at);
      }
    });
  });
  return { ready, close: () => ws.terminate() };
}

const common = { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true };

function stop(node: ChildServer): Promise<void> {
  return new Promise((resolve) => {
    if (node.process.exitCode !== null) return resolve();
    node.process.once('exit', () => resolve());
    node.process.kill('SIGTERM');
  });
}

async function plenaryNodes(count: number, env: Record<string, string>, name: string, cleanup: () => Promise<void>): Promise<Setup> {
  const servers: ChildServer[] = [];
  for (let i = 0; i < count; i++) servers.push(await spawnServer(tempDataDir('plenary-bench-'), { LOG_LEVEL: 'error', ...env }, { compiled: true }));
  const asm = await createAssembly(servers[0].url, 'Benchmark assembly');
  const doc = `${asm.id}/plenary`;
  return {
    name,
    nodes: servers.map((s, i) => ({
      name: `node ${String.fromCharCode(65 + i)}`,
      pid: s.process.pid!,
      url: (as) => `${s.syncUrl}/${doc}?token=${as === 'writer' ? asm.facilitatorToken : asm.attendeeToken}`,
    })),
    async stop() {
      await Promise.all(servers.map(stop));
      await cleanup();
    },
  };
}

async function reference(): Promise<Setup> {
  const { startReference } = await import('./lib.js');
  const target = await startReference();
  const port = (target.provider(new Y.Doc(), 'reader') as unknown as { url: string }).url.match(/:(\d+)\//)![1];
  return {
    name: 'reference (@y/websocket-server 0.1.1)',
    nodes: [{ name: 'reference', pid: target.pid, url: () => `ws://127.0.0.1:${port}/bench-assembly/plenary` }],
    stop: () => target.stop(),
  };
}

interface Measured {
  target: string;
  load: number[];
  readers: number;
  updates: number;
  missing: number;
  all: { p50: number; p99: number; max: number };
  perNode: { node: string; readers: number; p50: number; p99: number; cpuMsPerUpdate: number }[];
}

async function measure(setup: Setup): Promise<Measured> {
  const latencies = setup.nodes.map(() => [] as number[]);
  const sentAt = new Map<number, number>();
  const readers: ReturnType<typeof lightReader>[] = [];
  for (let i = 0; i < READERS; i += 100) {
    const wave = Array.from({ length: Math.min(100, READERS - i) }, (_, j) => {
      const which = (i + j) % setup.nodes.length;
      return lightReader(setup.nodes[which].url('reader'), (n, at) => {
        const sent = sentAt.get(n);
        if (sent !== undefined) latencies[which].push(at - sent);
      });
    });
    await Promise.all(wave.map((r) => r.ready));
    readers.push(...wave);
  }
  // The writer: the reference's URL is the whole document address; Plenary's carries the token.
  const writerUrl = new URL(setup.nodes[0].url('writer'));
  const token = writerUrl.searchParams.get('token');
  const docName = writerUrl.pathname.replace(/^\/(sync\/)?/, '');
  const base = `${writerUrl.protocol}//${writerUrl.host}${writerUrl.pathname.startsWith('/sync/') ? '/sync' : ''}`;
  const ydoc = new Y.Doc();
  const writer = new WebsocketProvider(base, docName, ydoc, { ...common, params: token ? { token } : {}, connect: false });
  writer.awareness.setLocalState(null);
  writer.connect();
  await whenSynced(writer);
  await sleep(500);
  const cpuBefore = setup.nodes.map((n) => cpuSeconds(n.pid));
  const updates = RATE * SECONDS;
  const start = performance.now();
  for (let n = 1; n <= updates; n++) {
    const due = start + ((n - 1) * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    sentAt.set(n, performance.now());
    setMeta(ydoc, { title: `T#${n}#` });
  }
  // Bounded wait for the last deliveries.
  const expected = updates * READERS;
  const deadline = performance.now() + 10_000;
  while (latencies.reduce((s, l) => s + l.length, 0) < expected && performance.now() < deadline) await sleep(50);
  const cpuAfter = setup.nodes.map((n) => cpuSeconds(n.pid));
  writer.destroy();
  for (const r of readers) r.close();
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { p50: round(percentile(s, 50)), p99: round(percentile(s, 99)), max: round(s[s.length - 1] ?? NaN) };
  };
  const got = latencies.reduce((s, l) => s + l.length, 0);
  return {
    target: setup.name,
    load: os.loadavg().map(round),
    readers: READERS,
    updates,
    missing: expected - got,
    all: stats(latencies.flat()),
    perNode: setup.nodes.map((node, i) => ({
      node: node.name,
      readers: Math.ceil((READERS - i) / setup.nodes.length),
      ...stats(latencies[i]),
      cpuMsPerUpdate: round(((cpuAfter[i] - cpuBefore[i]) * 1000) / updates, 3),
    })),
  };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main() {
  const results: Measured[] = [];
  const run = async (make: () => Promise<Setup>) => {
    const setup = await make();
    try {
      results.push(await measure(setup));
      console.log(JSON.stringify(results[results.length - 1]));
    } finally {
      await setup.stop();
    }
  };
  await run(reference);
  await run(() => plenaryNodes(1, {}, 'Plenary, one node on SQLite', async () => {}));
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const databaseUrl = await pg.createDatabase('bench');
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, SESSION_SECRET: randomBytes(32).toString('base64url') };
  await run(() =>
    plenaryNodes(2, env, 'Plenary, two nodes on PostgreSQL + Redis', async () => {
      await redis.stop();
      await pg.stop();
    }),
  );
  fs.mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/fanout-nodes-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  fs.writeFileSync(file, JSON.stringify({ readers: READERS, rate: RATE, seconds: SECONDS, results }, null, 2));
  console.log(`written to ${file}`);
}

await main();
