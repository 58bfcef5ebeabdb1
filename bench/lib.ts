/** Shared pieces of the benchmarks: servers under test, process stats, percentiles. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { spawnServer } from '../tests/helpers/child-server.js';
import { createAssembly, mintLink, tempDataDir } from '../tests/helpers/server.js';

process.setMaxListeners(0);

export interface Target {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Opens a stock provider on a document, as a writer or a reader. */
  provider(doc: Y.Doc, as: 'writer' | 'reader'): WebsocketProvider;
  /** The websocket address a client opens for the plenary document, as a writer or a reader. */
  socketUrl(as: 'writer' | 'reader'): string;
  /** Opens a stock provider on breakout table `group`'s notes, as that table's note-taker. */
  noteTaker(doc: Y.Doc, group: string): Promise<WebsocketProvider>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const common = { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true };

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/**
 * Plenary as `npm start` runs it: permissions and SQLite persistence on. `env` adds to its
 * environment (e.g. PLENARY_BATCH_MS); `name` is what the results call it.
 */
export async function startPlenary(env: Record<string, string> = {}, name = 'plenary'): Promise<Target> {
  const dataDir = tempDataDir('plenary-bench-');
  const s = await spawnServer(dataDir, { LOG_LEVEL: 'error', ...env }, { compiled: true });
  let stopping = false;
  // A server that dies mid-run says why (its last words), instead of a missing /proc entry.
  s.process.once('exit', (code, signal) => {
    if (!stopping) console.error(`${name} exited (code ${code}, signal ${signal}):\n${s.output.stderr.slice(-4000)}`);
  });
  const asm = await createAssembly(s.url, 'Benchmark assembly');
  const docName = `${asm.id}/plenary`;
  // One note-taker link per table, as the console mints them (scoped: it writes only its table).
  const links = new Map<string, Promise<string>>();
  const linkFor = (group: string) => {
    if (!links.has(group))
      links.set(
        group,
        mintLink(s.url, asm, { role: 'note-taker', scope: group }).then((l) => l.token),
      );
    return links.get(group)!;
  };
  return {
    name,
    async noteTaker(doc, group) {
      const token = await linkFor(group);
      return new WebsocketProvider(s.syncUrl, `${asm.id}/breakout/${group}`, doc, { ...common, params: { token }, connect: false });
    },
    pid: s.process.pid!,
    process: s.process,
    socketUrl(as) {
      return `${s.syncUrl}/${docName}?token=${as === 'writer' ? asm.facilitatorToken : asm.attendeeToken}`;
    },
    provider(doc, as) {
      const token = as === 'writer' ? asm.facilitatorToken : asm.attendeeToken;
      return new WebsocketProvider(s.syncUrl, docName, doc, { ...common, params: { token }, connect: false });
    },
    stop: async () => {
      stopping = true;
      await stopper(s.process)();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The reference: @y/websocket-server 0.1.1, in memory, no permissions. */
export async function startReference(): Promise<Target> {
  const port = await freePort();
  const entry = path.resolve('node_modules/@y/websocket-server/src/server.js');
  const child = spawn(process.execPath, [entry], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('running at') && resolve());
    child.once('exit', (code) => reject(new Error(`reference server exited with ${code}`)));
  });
  const docName = 'bench-assembly/plenary';
  return {
    name: 'reference',
    pid: child.pid!,
    process: child,
    provider(doc) {
      return new WebsocketProvider(`ws://127.0.0.1:${port}`, docName, doc, { ...common, connect: false });
    },
    socketUrl: () => `ws://127.0.0.1:${port}/${docName}`,
    async noteTaker(doc, group) {
      return new WebsocketProvider(`ws://127.0.0.1:${port}`, `bench-assembly/breakout/${group}`, doc, { ...common, connect: false });
    },
    stop: stopper(child),
  };
}

/** The fan-out floor (bench/relay.ts): frames each update once and writes it to every socket. */
export async function startRelay(): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/relay.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      const m = /running at (ws:\/\/\S+)/.exec(String(d));
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
  });
  const docName = 'bench-assembly/plenary';
  return {
    name: 'floor',
    pid: child.pid!,
    process: child,
    provider: (doc) => new WebsocketProvider(url, docName, doc, { ...common, connect: false }),
    socketUrl: () => `${url}/${docName}`,
    noteTaker: async () => {
      throw new Error('the relay has no breakout tables');
    },
    stop: stopper(child),
  };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory in MiB. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples a process's RSS until stopped; returns the peak. */
export function peakRss(pid: number, everyMs = 100) {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      /* process gone */
    }
  }, everyMs);
  return { stop: () => (clearInterval(timer), peak) };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export function whenSynced(p: WebsocketProvider): Promise<void> {
  return new Promise((resolve) => (p.synced ? resolve() : p.once('sync', () => resolve())));
}
