/**
 * Fan-out and join-storm benchmark: Plenary against @y/websocket-server 0.1.1, same load, one run.
 *
 *   npm run bench -- --readers 1000 --rate 5 --seconds 20 --storm 1000
 *
 * Fan-out: N stock y-websocket readers (awareness off) on one document, two writers each setting
 * a new map key `rate` times a second; latency from write to every reader, server CPU per update,
 * server peak RSS. Join storm: N readers connect at once to a document with ~2,000 agenda items;
 * time until every one has synced.
 */
import fs from 'node:fs';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { arg, cpuSeconds, peakRss, percentile, sleep, startPlenary, startReference, whenSynced, type Target } from './lib.js';

const READERS = arg('readers', 1000);
const RATE = arg('rate', 5);
const SECONDS = arg('seconds', 20);
const STORM = arg('storm', 1000);
const ROUNDS = arg('rounds', 1);

interface Result {
  server: string;
  readers: number;
  updates: number;
  deliveries: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
  cpuSeconds: number;
  cpuMsPerUpdate: number;
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

async function fanout(target: Target): Promise<Omit<Result, 'stormReaders' | 'stormMs' | 'stormCpuSeconds'>> {
  const writers = [0, 1].map(() => {
    const doc = new Y.Doc();
    return { doc, provider: target.provider(doc, 'writer') };
  });
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  const worstByKey = new Map<string, number>();
  let measuring = false;
  const readers = Array.from({ length: READERS }, () => {
    const doc = new Y.Doc();
    const provider = target.provider(doc, 'reader');
    provider.awareness.setLocalState(null);
    // Each write adds an agenda item (a real facilitator write Plenary's guard accepts), titled with its key.
    const items = doc.getMap<Y.Map<unknown>>('agendaItems');
    items.observe((event) => {
      if (!measuring) return;
      const now = performance.now();
      for (const id of event.keysChanged) {
        const key = String(items.get(id)?.get('title'));
        const t = sentAt.get(key);
        if (t !== undefined) {
          latencies.push(now - t);
          worstByKey.set(key, Math.max(worstByKey.get(key) ?? 0, now - t));
        }
      }
    });
    return { doc, provider };
  });
  await connectAll(writers.map((w) => w.provider));
  // Connect readers in waves so this phase measures fan-out, not the storm.
  for (let i = 0; i < readers.length; i += 100) await connectAll(readers.slice(i, i + 100).map((r) => r.provider));
  await sleep(1000);

  const write = (n: number) => {
    const which = Math.abs(n) % 2;
    const w = writers[which];
    const key = `w${which}:${n}`;
    sentAt.set(key, performance.now());
    w.doc.getMap('agendaItems').set(
      `i${key.replace(/[^A-Za-z0-9]/g, '_')}`,
      new Y.Map<unknown>([
        ['title', key],
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
  const rss = peakRss(target.pid);
  const cpu0 = cpuSeconds(target.pid);
  const total = 2 * RATE * SECONDS;
  const started = performance.now();
  for (let n = 0; n < total; n++) {
    write(n);
    const due = started + ((n + 1) * 1000) / (2 * RATE);
    await sleep(Math.max(0, due - performance.now()));
  }
  await sleep(2000); // let the last ones arrive
  const cpu = cpuSeconds(target.pid) - cpu0;
  const peak = rss.stop();
  measuring = false;
  latencies.sort((a, b) => a - b);
  const slowest = [...worstByKey.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([key, ms]) => `${key}@${((sentAt.get(key)! - started) / 1000).toFixed(1)}s=${ms.toFixed(0)}ms`);
  for (const r of [...readers, ...writers]) {
    r.provider.destroy();
    r.doc.destroy();
  }
  return {
    server: target.name,
    readers: READERS,
    updates: total,
    deliveries: latencies.length,
    missing: total * READERS - latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    cpuSeconds: cpu,
    cpuMsPerUpdate: (cpu * 1000) / total,
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

async function run(start: () => Promise<Target>): Promise<Result> {
  const target = await start();
  try {
    const f = await fanout(target);
    await sleep(1000);
    const s = await joinStorm(target);
    return { ...f, ...s, stormReaders: STORM };
  } finally {
    await target.stop();
  }
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

const results: Result[] = [];
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order so neither server always runs on a warmer machine.
  const both = round % 2 === 0 ? [startPlenary, startReference] : [startReference, startPlenary];
  const order = ONLY === 'plenary' ? [startPlenary] : ONLY === 'reference' ? [startReference] : both;
  for (const start of order) {
    const r = await run(start);
    results.push(r);
    console.log(JSON.stringify(r));
  }
}

const best = (name: string) => {
  const rs = results.filter((r) => r.server === name);
  const median = (k: keyof Result) => {
    const xs = rs.map((r) => r[k] as number).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)];
  };
  return {
    p50: median('p50'),
    p99: median('p99'),
    max: median('max'),
    cpu: median('cpuMsPerUpdate'),
    rss: median('peakRssMiB'),
    storm: median('stormMs'),
    stormCpu: median('stormCpuSeconds'),
    missing: median('missing'),
  };
};
const p = best('plenary');
const ref = best('reference');
const rows: [string, number, number, number][] = [
  ['write→reader p50 (ms)', p.p50, ref.p50, 2],
  ['write→reader p99 (ms)', p.p99, ref.p99, 2],
  ['write→reader max (ms)', p.max, ref.max, 2],
  ['server CPU per update (ms)', p.cpu, ref.cpu, 3],
  ['server peak RSS (MiB)', p.rss, ref.rss, 1],
  [`join storm, ${STORM} readers (ms)`, p.storm, ref.storm, 0],
  ['join storm server CPU (s)', p.stormCpu, ref.stormCpu, 2],
  ['missed deliveries', p.missing, ref.missing, 0],
];
const table = [
  `readers ${READERS}, 2 writers × ${RATE}/s for ${SECONDS}s, storm ${STORM}, rounds ${ROUNDS} (medians)`,
  '',
  '| measure | Plenary | reference | Plenary / reference |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map(([label, a, b, d]) => `| ${label} | ${fmt(a, d)} | ${fmt(b, d)} | ${b === 0 ? 'n/a' : fmt(a / b, 2)} |`),
].join('\n');
console.log(`\n${table}`);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/fanout-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, JSON.stringify({ results, table }, null, 2));
