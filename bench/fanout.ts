/**
 * Fan-out and join-storm benchmark: Plenary against @y/websocket-server 0.1.1, same load, one run.
 *
 *   npm run bench -- --readers 1000 --rate 5 --seconds 20 --storm 1000
 *
 * Fan-out: N stock y-websocket readers (awareness off) on one document, two writers each setting
 * a new map key `rate` times a second; latency from write to every reader, server CPU per update,
 * server peak RSS. Join storm: N readers connect at once to a document with ~2,000 agenda items;
 * time until every one has synced.
 *
 * Beside Plenary and the reference runs the floor (bench/relay.ts: a bare relay writing one framed
 * update to every socket). Each server is measured twice: with stock readers (a Y.Doc each) and
 * with light readers (a bare socket each that only finds the update's key in the frame's bytes and
 * timestamps it), so the client process's decoding stops dominating the p99. `--kinds light` or
 * `--kinds stock` runs one of the two; the figures carry the machine's load average.
 *
 * Coalescing (BENCHMARKS.md, "Coalescing updates over 2-5 ms"): `--windows 0,2,5` runs only
 * Plenary, once per batch window (PLENARY_BATCH_MS), and prints a table per window instead:
 *
 *   npm run bench -- --windows 0,2,5 --kinds light --readers 1000 --rate 100 --seconds 15 --arrivals poisson
 *
 * `--rate` is per writer: the room gets 2 × rate updates a second. The table gives the rate the
 * writers achieved, CPU per update and per second, and the update frames each reader received.
 */
import fs from 'node:fs';
import os from 'node:os';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { seeded } from '../tests/helpers/random.js';
import { arg, cpuSeconds, peakRss, percentile, sleep, startPlenary, startReference, startRelay, whenSynced, type Target } from './lib.js';

const READERS = arg('readers', 1000);
const RATE = arg('rate', 5);
const SECONDS = arg('seconds', 20);
const STORM = arg('storm', 1000);
const ROUNDS = arg('rounds', 1);

const WINDOWS = process.argv.includes('--windows')
  ? process.argv[process.argv.indexOf('--windows') + 1].split(',').map((w) => {
      const ms = Number(w);
      if (!Number.isInteger(ms) || ms < 0 || ms > 50) throw new Error(`--windows: ${w} is not a whole number of ms from 0 to 50`);
      return ms;
    })
  : null;

/**
 * When the writes come: `even` (every 1 / (2 × rate) s, alternating writers) or `poisson` (the
 * same mean rate, exponential gaps from a seeded generator, the same times for every server:
 * how hands, votes and edits in a busy room arrive, in bursts).
 */
const ARRIVALS = process.argv.includes('--arrivals') ? process.argv[process.argv.indexOf('--arrivals') + 1] : 'even';
if (ARRIVALS !== 'even' && ARRIVALS !== 'poisson') throw new Error('--arrivals must be even or poisson');

/** When each of `total` writes is due, in ms from the start. */
function schedule(total: number): number[] {
  const gap = 1000 / (2 * RATE);
  if (ARRIVALS === 'even') return Array.from({ length: total }, (_, n) => n * gap);
  const random = seeded(17);
  const due: number[] = [];
  let at = 0;
  for (let n = 0; n < total; n++) {
    due.push(at);
    at += -Math.log(1 - random()) * gap;
  }
  return due;
}

const KINDS = (process.argv.includes('--kinds') ? process.argv[process.argv.indexOf('--kinds') + 1] : 'stock,light').split(',') as Kind[];
type Kind = 'stock' | 'light';

interface Result {
  server: string;
  kind: Kind;
  load: number[];
  readers: number;
  updates: number;
  deliveries: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
  cpuSeconds: number;
  cpuMsPerUpdate: number;
  /** Server CPU ms per second of writing (at a fixed rate, what coalescing saves). */
  cpuMsPerSecond: number;
  /** Updates per second the schedule asked for (2 × rate; a Poisson draw differs a little). */
  askedRate: number;
  /** Updates per second the writers achieved. */
  achievedRate: number;
  /** How late the writers were against their schedule, p99 (ms): a busy bench process shows here. */
  writerLateP99: number;
  /** Update frames a light reader received on average while measured (stock readers: NaN). */
  framesPerReader: number;
  /** CPU ms per second of the benchmark's own process (writers and readers) while measured. */
  clientCpuMsPerSecond: number;
  peakRssMiB: number;
  /** The five updates whose last reader waited longest: key@seconds-into-run=ms. */
  slowest: string[];
  stormReaders: number;
  stormMs: number;
  stormCpuSeconds: number;
}

async function connectAll(providers: WebsocketProvider[]): Promise<void> {
  for (const p of providers) p.connect();
  await Promise.all(providers.map(whenSynced));
}

/** The update's key, as the writer put it in the title: `T#<key>#`. */
const titleOf = (key: string) => `T#${key}#`;
const MARK = Buffer.from('T#');

/** A reader without a Y.Doc: a bare socket that finds each update's key in the frame's bytes. */
function lightReader(url: string, onKey: (key: string, now: number) => void, onFrame: () => void = () => {}) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  let synced = false;
  const ready = new Promise<void>((resolve, reject) => {
    ws.on('open', () => ws.send(Buffer.from([0, 0, 1, 0]))); // sync step 1, empty state vector
    ws.on('message', (data: Buffer) => {
      const now = performance.now();
      if (!synced && data[0] === 0 && data[1] === 1) {
        synced = true;
        resolve();
        return;
      }
      if (data[0] !== 0 || data[1] !== 2) return;
      onFrame();
      for (let at = data.indexOf(MARK); at >= 0; at = data.indexOf(MARK, at + 2)) {
        const end = data.indexOf(35, at + 2); // '#'
        if (end > at) onKey(data.toString('latin1', at + 2, end), now);
      }
    });
    ws.on('error', reject);
  });
  return { ready, close: () => ws.terminate() };
}

async function fanout(target: Target, kind: Kind): Promise<Omit<Result, 'stormReaders' | 'stormMs' | 'stormCpuSeconds'>> {
  const writers = [0, 1].map(() => {
    const doc = new Y.Doc();
    return { doc, provider: target.provider(doc, 'writer') };
  });
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  const worstByKey = new Map<string, number>();
  let measuring = false;
  let frames = 0;
  const countFrame = () => {
    if (measuring) frames++;
  };
  const record = (key: string, now: number) => {
    const t = sentAt.get(key);
    if (!measuring || t === undefined) return;
    latencies.push(now - t);
    worstByKey.set(key, Math.max(worstByKey.get(key) ?? 0, now - t));
  };
  const stock =
    kind !== 'stock'
      ? []
      : Array.from({ length: READERS }, () => {
          const doc = new Y.Doc();
          const provider = target.provider(doc, 'reader');
          provider.awareness.setLocalState(null);
          // Each write adds an agenda item (a real facilitator write Plenary's guard accepts), titled with its key.
          const items = doc.getMap<Y.Map<unknown>>('agendaItems');
          items.observe((event) => {
            const now = performance.now();
            for (const id of event.keysChanged) record(String(items.get(id)?.get('title')).slice(2, -1), now);
          });
          return { doc, provider };
        });
  const light: ReturnType<typeof lightReader>[] = [];
  await connectAll(writers.map((w) => w.provider));
  // Connect readers in waves so this phase measures fan-out, not the storm.
  for (let i = 0; i < stock.length; i += 100) await connectAll(stock.slice(i, i + 100).map((r) => r.provider));
  if (kind === 'light') {
    for (let i = 0; i < READERS; i += 100) {
      const wave = Array.from({ length: Math.min(100, READERS - i) }, () => lightReader(target.socketUrl('reader'), record, countFrame));
      light.push(...wave);
      await Promise.all(wave.map((r) => r.ready));
    }
  }
  await sleep(1000);

  const write = (n: number) => {
    const which = Math.abs(n) % 2;
    const w = writers[which];
    const key = `w${which}:${n}`;
    sentAt.set(key, performance.now());
    w.doc.getMap('agendaItems').set(
      `i${key.replace(/[^A-Za-z0-9]/g, '_')}`,
      new Y.Map<unknown>([
        ['title', titleOf(key)],
        ['kind', 'discussion'],
        ['minutes', 1],
        ['position', n],
        ['status', 'pending'],
      ]),
    );
  };
  // Warm-up, not measured.
  for (let n = 0; n < 20; n++) {
    write(-1 - n);
    await sleep(1000 / (2 * RATE));
  }
  await sleep(1000);
  measuring = true;
  const load = os.loadavg();
  const rss = peakRss(target.pid);
  const cpu0 = cpuSeconds(target.pid);
  const client0 = process.cpuUsage();
  const total = 2 * RATE * SECONDS;
  const due = schedule(total);
  const started = performance.now();
  let lastWrite = started;
  const late: number[] = [];
  for (let n = 0; n < total; n++) {
    // A write already due goes at once (a burst); otherwise wait for its time.
    const wait = started + due[n] - performance.now();
    if (wait > 0) await sleep(wait);
    write(n);
    lastWrite = performance.now();
    late.push(lastWrite - started - due[n]);
  }
  late.sort((a, b) => a - b);
  // The rate achieved: writes over the time from the first to one interval past the last.
  const writingSeconds = (lastWrite - started) / 1000 + 1 / (2 * RATE);
  await sleep(2000); // let the last ones arrive
  const cpu = cpuSeconds(target.pid) - cpu0;
  const client = process.cpuUsage(client0);
  const peak = rss.stop();
  measuring = false;
  latencies.sort((a, b) => a - b);
  const slowest = [...worstByKey.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([key, ms]) => `${key}@${((sentAt.get(key)! - started) / 1000).toFixed(1)}s=${ms.toFixed(0)}ms`);
  for (const r of [...stock, ...writers]) {
    r.provider.destroy();
    r.doc.destroy();
  }
  for (const r of light) r.close();
  return {
    server: target.name,
    kind,
    load: [...load, ...os.loadavg()].map((x) => Math.round(x * 100) / 100),
    readers: READERS,
    updates: total,
    deliveries: latencies.length,
    missing: total * READERS - latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    cpuSeconds: cpu,
    cpuMsPerUpdate: (cpu * 1000) / total,
    // All of it (the 2 s after the last write included, where the last deliveries go out) over
    // the seconds of writing: what the server spends per second of this load.
    cpuMsPerSecond: (cpu * 1000) / writingSeconds,
    askedRate: total / ((due[total - 1] + 1000 / (2 * RATE)) / 1000),
    achievedRate: total / writingSeconds,
    writerLateP99: percentile(late, 99),
    framesPerReader: kind === 'light' ? frames / READERS : NaN,
    clientCpuMsPerSecond: (client.user + client.system) / 1000 / writingSeconds,
    peakRssMiB: peak,
    slowest,
  };
}

async function joinStorm(target: Target): Promise<{ stormMs: number; stormCpuSeconds: number }> {
  const writerDoc = new Y.Doc();
  const writer = target.provider(writerDoc, 'writer');
  await connectAll([writer]);
  const agenda = writerDoc.getMap<Y.Map<unknown>>('agendaItems');
  // ~130 KB of agenda (what 2,000 short array entries were before the write guard): 100 real
  // agenda items with long descriptions. 2,000 items as maps would be 2 million shared types
  // across 1,000 readers in this one client process, which runs out of heap.
  if (agenda.size < 100) {
    writerDoc.transact(() => {
      for (let i = 0; i < 100; i++) {
        agenda.set(
          `storm${i}`,
          new Y.Map<unknown>([
            ['title', `Item ${i}: report from the organizing committee`],
            ['kind', 'report'],
            ['minutes', 5],
            ['position', i],
            ['status', 'pending'],
            ['description', `Notes for item ${i}. `.repeat(60).slice(0, 1200)],
          ]),
        );
      }
    });
  }
  await sleep(1500);
  const readers = Array.from({ length: STORM }, () => {
    const doc = new Y.Doc();
    const provider = target.provider(doc, 'reader');
    provider.awareness.setLocalState(null);
    return { doc, provider };
  });
  const cpu0 = cpuSeconds(target.pid);
  const started = performance.now();
  await connectAll(readers.map((r) => r.provider));
  const stormMs = performance.now() - started;
  const stormCpuSeconds = cpuSeconds(target.pid) - cpu0;
  const ok = readers.every((r) => r.doc.getMap('agendaItems').size === agenda.size);
  if (!ok) throw new Error(`${target.name}: a storm reader synced without the whole agenda`);
  for (const r of readers) {
    r.provider.destroy();
    r.doc.destroy();
  }
  writer.destroy();
  return { stormMs, stormCpuSeconds };
}

async function run(start: () => Promise<Target>): Promise<Result[]> {
  const target = await start();
  const out: Result[] = [];
  try {
    for (const kind of KINDS) {
      const f = await fanout(target, kind);
      await sleep(1000);
      // The storm needs a server that keeps the document: not the relay; once per server.
      const s = target.name !== 'floor' && kind === 'stock' ? await joinStorm(target) : { stormMs: NaN, stormCpuSeconds: NaN };
      out.push({ ...f, ...s, stormReaders: STORM });
      console.log(JSON.stringify(out.at(-1)));
    }
    return out;
  } finally {
    await target.stop();
  }
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

const results: Result[] = [];
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;
const windowName = (ms: number) => `plenary ${ms} ms`;
const starters: Record<string, () => Promise<Target>> = WINDOWS
  ? Object.fromEntries(WINDOWS.map((ms) => [windowName(ms), () => startPlenary({ PLENARY_BATCH_MS: String(ms) }, windowName(ms))]))
  : { plenary: () => startPlenary(), reference: startReference, floor: startRelay };
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order so no server always runs on a warmer machine.
  const names = Object.keys(starters);
  const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)].filter((n) => WINDOWS || !ONLY || ONLY.includes(n));
  for (const name of order) results.push(...(await run(starters[name])));
}
const median = (name: string, kind: Kind, k: keyof Result) => {
  const xs = results
    .filter((r) => r.server === name && r.kind === kind)
    .map((r) => r[k] as number)
    .sort((a, b) => a - b);
  return xs.length ? xs[Math.floor(xs.length / 2)] : NaN;
};
const loads = (kind: Kind) =>
  results
    .filter((r) => r.kind === kind)
    .map((r) => `${r.server} ${r.load[0]}→${r.load[3]}`)
    .join(', ');
const ratio = (a: number, b: number, d = 2) => (b === 0 || !Number.isFinite(a / b) ? 'n/a' : fmt(a / b, d));
const lines: string[] = [];
if (WINDOWS) {
  // One column per batch window, the first (0: today's one turn of the event loop) the base.
  for (const kind of KINDS) {
    const names = WINDOWS.map(windowName);
    lines.push(
      '',
      `${kind} readers: ${READERS}, 2 writers × ${RATE}/s = ${2 * RATE} updates/s asked (${ARRIVALS}), for ${SECONDS}s, rounds ${ROUNDS} (medians); 1-min load average before→after: ${loads(kind)}`,
      '',
      `| measure | ${WINDOWS.map((ms) => `window ${ms} ms`).join(' | ')} | ${WINDOWS.slice(1)
        .map((ms) => `${ms} ms / ${WINDOWS[0]} ms`)
        .join(' | ')} |`,
      `| --- |${' ---: |'.repeat(2 * WINDOWS.length - 1)}`,
    );
    const rows: [string, keyof Result, number][] = [
      ['updates/s the schedule asked', 'askedRate', 1],
      ['updates/s achieved', 'achievedRate', 1],
      ['writes late against schedule, p99 (ms)', 'writerLateP99', 1],
      ['server CPU per update (ms)', 'cpuMsPerUpdate', 3],
      ['server CPU per second (ms)', 'cpuMsPerSecond', 0],
      ['write→reader p50 (ms)', 'p50', 2],
      ['write→reader p99 (ms)', 'p99', 2],
      ['write→reader max (ms)', 'max', 2],
      ['update frames per reader', 'framesPerReader', 0],
      ['bench process CPU per second (ms)', 'clientCpuMsPerSecond', 0],
      ['missed deliveries', 'missing', 0],
    ];
    for (const [label, k, d] of rows) {
      const xs = names.map((n) => median(n, kind, k));
      lines.push(
        `| ${label} | ${xs.map((x) => fmt(x, d)).join(' | ')} | ${xs
          .slice(1)
          .map((x) => ratio(x, xs[0]))
          .join(' | ')} |`,
      );
    }
  }
}
for (const kind of WINDOWS ? [] : KINDS) {
  lines.push(
    '',
    `${kind} readers: ${READERS}, 2 writers × ${RATE}/s for ${SECONDS}s, rounds ${ROUNDS} (medians); 1-min load average before→after: ${loads(kind)}`,
    '',
    '| measure | Plenary | reference | floor | Plenary / floor | reference / floor | Plenary / reference |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  const rows: [string, keyof Result, number][] = [
    ['write→reader p50 (ms)', 'p50', 2],
    ['write→reader p99 (ms)', 'p99', 2],
    ['write→reader max (ms)', 'max', 2],
    ['server CPU per update (ms)', 'cpuMsPerUpdate', 3],
    ['server peak RSS (MiB)', 'peakRssMiB', 1],
    ['missed deliveries', 'missing', 0],
  ];
  if (kind === 'stock') rows.push([`join storm, ${STORM} readers (ms)`, 'stormMs', 0], ['join storm server CPU (s)', 'stormCpuSeconds', 2]);
  for (const [label, k, d] of rows) {
    const [p, r, f] = ['plenary', 'reference', 'floor'].map((n) => median(n, kind, k));
    lines.push(`| ${label} | ${fmt(p, d)} | ${fmt(r, d)} | ${fmt(f, d)} | ${ratio(p, f)} | ${ratio(r, f)} | ${ratio(p, r)} |`);
  }
}
const table = lines.join('\n');
console.log(table);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  `bench/results/fanout-${WINDOWS ? `windows-${2 * RATE}-${ARRIVALS}-` : ''}${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  JSON.stringify({ results, table }, null, 2),
);
process.exit(0);
