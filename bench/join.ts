/**
 * A hall scanning the join code: N phones arriving over T seconds (a Poisson process: N arrival
 * times drawn uniformly over T), each making a first visit through the attendee join link as
 * Chromium does (bench/join-phone.ts). Against Plenary as `npm start` runs it, and in the same
 * run against the floor (bench/join-floor.ts: the same bytes from a bare Node server).
 *
 *   npm run bench:join -- --phones 1000 --seconds 60 [--rounds 1] [--only plenary|floor] [--seed 17]
 *
 * Reports time-to-live (join link opened → first sync step 2 applied) p50/p95/p99, server CPU per
 * phone (user+system of the server process, /proc/<pid>/stat, from the first arrival until every
 * phone is done), bytes and requests per phone, errors, requests resent after a reset reused
 * connection (as Chromium does, counted apart), and the machine's load average at the
 * start and end of each run (os.loadavg()): on a busy machine the figures are not comparable.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnServer } from '../tests/helpers/child-server.js';
import { createAssembly, tempDataDir } from '../tests/helpers/server.js';
import { arg, cpuSeconds, percentile, sleep } from './lib.js';
import { startPhone, type Captured, type Phone, type PhoneResult } from './join-phone.js';
import { seeded } from '../tests/helpers/random.js';

const PHONES = arg('phones', 1000);
const SECONDS = arg('seconds', 60);
const ROUNDS = arg('rounds', 1);
const SEED = arg('seed', 17);
const TIMEOUT_MS = 30_000;
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

interface Target {
  name: 'plenary' | 'floor';
  base: string;
  pid: number;
  joinPath: string;
  stop(): Promise<void>;
}

interface Result {
  server: string;
  phones: number;
  seconds: number;
  ok: number;
  errors: number;
  /** Requests resent once on a fresh connection (a reused one was reset before any answer), all phones. */
  retries: number;
  errorKinds: Record<string, number>;
  liveP50: number;
  liveP95: number;
  liveP99: number;
  liveMax: number;
  pageP50: number;
  pageP99: number;
  cpuSeconds: number;
  cpuMsPerPhone: number;
  bytesPerPhone: number;
  bodyBytesPerPhone: number;
  wsBytesPerPhone: number;
  requestsPerPhone: number;
  loadBefore: number[];
  loadAfter: number[];
}

function arrivals(n: number, seconds: number, seed: number): number[] {
  // The same arrival times for every server in a run.
  const rnd = seeded(seed);
  return Array.from({ length: n }, () => rnd() * seconds * 1000).sort((a, b) => a - b);
}

function websocketChunk(): string | null {
  const file = fs.readdirSync('build/client/assets').find((f) => /^y-websocket-.*\.js$/.test(f));
  return file ? `/assets/${file}` : null;
}

async function startPlenaryTarget(): Promise<Target> {
  const dataDir = tempDataDir('plenary-join-');
  const s = await spawnServer(dataDir, { LOG_LEVEL: 'error' }, { compiled: true });
  const asm = await createAssembly(s.url, 'Benchmark assembly');
  return {
    name: 'plenary',
    base: s.url,
    pid: s.process.pid!,
    joinPath: `/join/${asm.attendeeToken}`,
    stop: async () => {
      s.process.kill('SIGTERM');
      await s.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One phone's visit to Plenary, every response kept: what the floor serves. */
async function capture(target: Target): Promise<string> {
  const responses: Captured[] = [];
  const phone = startPhone({ base: target.base, joinPath: target.joinPath, websocketChunk: websocketChunk(), timeoutMs: TIMEOUT_MS, capture: responses });
  const r = await phone.result;
  phone.close();
  if (!r.ok || !phone.step2) throw new Error(`capturing a visit failed: ${r.error}`);
  const file = path.join(os.tmpdir(), `plenary-join-capture-${process.pid}.json`);
  const data = { responses: responses.map((c) => ({ ...c, body: c.body.toString('base64') })), step2: phone.step2.toString('base64') };
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
}

async function startFloor(captureFile: string, joinPath: string): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/join-floor.ts', captureFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
  });
  return {
    name: 'floor',
    base,
    pid: child.pid!,
    joinPath,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function run(target: Target): Promise<Result> {
  const times = arrivals(PHONES, SECONDS, SEED);
  const chunk = websocketChunk();
  const phones: Phone[] = [];
  const results: Promise<PhoneResult>[] = [];
  const loadBefore = os.loadavg();
  const cpu0 = cpuSeconds(target.pid);
  const started = performance.now();
  for (const at of times) {
    const wait = started + at - performance.now();
    if (wait > 0) await sleep(wait);
    const phone = startPhone({ base: target.base, joinPath: target.joinPath, websocketChunk: chunk, timeoutMs: TIMEOUT_MS });
    phones.push(phone);
    results.push(phone.result);
  }
  const all = await Promise.all(results);
  const cpu = cpuSeconds(target.pid) - cpu0;
  const loadAfter = os.loadavg();
  for (const p of phones) p.close();
  const ok = all.filter((r) => r.ok);
  const live = ok.map((r) => r.liveMs).sort((a, b) => a - b);
  const page = ok.map((r) => r.pageMs).sort((a, b) => a - b);
  const errorKinds: Record<string, number> = {};
  for (const r of all) if (!r.ok) errorKinds[r.error ?? '?'] = (errorKinds[r.error ?? '?'] ?? 0) + 1;
  const mean = (f: (r: PhoneResult) => number) => ok.reduce((s, r) => s + f(r), 0) / Math.max(1, ok.length);
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return {
    server: target.name,
    phones: PHONES,
    seconds: SECONDS,
    ok: ok.length,
    errors: all.length - ok.length,
    retries: all.reduce((n, r) => n + r.retries, 0),
    errorKinds,
    liveP50: round2(percentile(live, 50)),
    liveP95: round2(percentile(live, 95)),
    liveP99: round2(percentile(live, 99)),
    liveMax: round2(live.at(-1) ?? NaN),
    pageP50: round2(percentile(page, 50)),
    pageP99: round2(percentile(page, 99)),
    cpuSeconds: round2(cpu),
    cpuMsPerPhone: Math.round(((cpu * 1000) / PHONES) * 1000) / 1000,
    bytesPerPhone: Math.round(mean((r) => r.bodyBytes + r.headerBytes + r.wsBytes)),
    bodyBytesPerPhone: Math.round(mean((r) => r.bodyBytes)),
    wsBytesPerPhone: Math.round(mean((r) => r.wsBytes)),
    requestsPerPhone: round2(mean((r) => r.requests)),
    loadBefore: loadBefore.map(round2),
    loadAfter: loadAfter.map(round2),
  };
}

const results: Result[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const plenary = await startPlenaryTarget();
  try {
    const captureFile = await capture(plenary);
    const floor = await startFloor(captureFile, plenary.joinPath);
    try {
      const order = round % 2 === 0 ? [plenary, floor] : [floor, plenary];
      for (const target of order) {
        if (ONLY && target.name !== ONLY) continue;
        await sleep(2000);
        const r = await run(target);
        results.push(r);
        console.log(JSON.stringify(r));
      }
    } finally {
      await floor.stop();
      fs.rmSync(captureFile, { force: true });
    }
  } finally {
    await plenary.stop();
  }
}

const median = (name: string, k: keyof Result) => {
  const xs = results.filter((r) => r.server === name).map((r) => r[k] as number);
  return xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN;
};
const rows: [string, keyof Result, number][] = [
  ['time-to-live p50 (ms)', 'liveP50', 0],
  ['time-to-live p95 (ms)', 'liveP95', 0],
  ['time-to-live p99 (ms)', 'liveP99', 0],
  ['page received p99 (ms)', 'pageP99', 0],
  ['server CPU per phone (ms)', 'cpuMsPerPhone', 2],
  ['bytes per phone (KB, headers+bodies+ws)', 'bytesPerPhone', 1],
  ['requests per phone', 'requestsPerPhone', 1],
  ['errors', 'errors', 0],
  ['requests resent on a fresh connection (reused one reset)', 'retries', 0],
];
const fmt = (n: number, d: number) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const load = (name: string) =>
  results
    .filter((r) => r.server === name)
    .map((r) => `${r.loadBefore[0]}→${r.loadAfter[0]}`)
    .join(', ');
const table = [
  `${PHONES} phones over ${SECONDS} s, ${ROUNDS} round(s) (medians); 1-min load average before→after: Plenary ${load('plenary')}; floor ${load('floor')} (${os.cpus().length} cores)`,
  '',
  '| measure | Plenary | floor | Plenary / floor |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map(([label, k, d]) => {
    const scale = k === 'bytesPerPhone' ? 1 / 1000 : 1;
    const p = median('plenary', k) * scale;
    const f = median('floor', k) * scale;
    return `| ${label} | ${fmt(p, d)} | ${fmt(f, d)} | ${f ? fmt(p / f, 2) : 'n/a'} |`;
  }),
].join('\n');
console.log(`\n${table}`);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  `bench/results/join-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  JSON.stringify({ PHONES, SECONDS, SEED, results, table }, null, 2),
);
process.exit(0);
