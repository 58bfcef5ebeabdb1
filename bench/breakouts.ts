/**
 * Breakout tables benchmark: Plenary against @y/websocket-server 0.1.1, same load, one run.
 *
 *   npm run bench:breakouts -- --groups 60 --per 3 --cps 5 --seconds 20 --rounds 3
 *
 * `groups` tables, each its own document with `per` note-takers (stock y-websocket, presence on,
 * as the editor runs them) typing `cps` characters a second into their own paragraph of the
 * `notes` XML fragment, and moving their cursor (an awareness update) with every keystroke.
 * Latency is from a keystroke to its arrival at each other note-taker of the table; server CPU is
 * the server process's user+system time over the typing window.
 */
import fs from 'node:fs';
import * as Y from 'yjs';
import { arg, cpuSeconds, peakRss, percentile, sleep, startPlenary, startReference, whenSynced, type Target } from './lib.js';

const GROUPS = arg('groups', 60);
const PER = arg('per', 3);
const CPS = arg('cps', 5);
const SECONDS = arg('seconds', 20);
const ROUNDS = arg('rounds', 1);

interface Result {
  server: string;
  typists: number;
  keystrokes: number;
  deliveries: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
  cpuSeconds: number;
  cpuPercent: number;
  cpuMsPerKeystroke: number;
  peakRssMiB: number;
}

async function run(target: Target): Promise<Result> {
  const latencies: number[] = [];
  let measuring = false;
  let keystrokes = 0;
  const typists: { doc: Y.Doc; text: Y.XmlText; sent: number[]; provider: Awaited<ReturnType<Target['noteTaker']>>; id: string }[] = [];
  for (let g = 1; g <= GROUPS; g++) {
    const table: typeof typists = [];
    for (let k = 0; k < PER; k++) {
      const doc = new Y.Doc();
      const provider = await target.noteTaker(doc, `t${g}`);
      provider.awareness.setLocalStateField('user', { name: `Note-taker ${g}.${k}`, color: '#333' });
      table.push({ doc, text: new Y.XmlText(), sent: [], provider, id: `${g}.${k}` });
    }
    // Each note-taker sees the others' paragraphs grow: every new character is one delivery.
    for (const me of table) {
      const seen = new Map<string, number>();
      me.doc.getXmlFragment('notes').observeDeep(() => {
        const now = performance.now();
        for (const p of me.doc.getXmlFragment('notes').toArray()) {
          if (!(p instanceof Y.XmlElement)) continue;
          const who = p.getAttribute('typist') as string | undefined;
          if (!who || who === me.id) continue;
          const author = table.find((x) => x.id === who)!;
          const length = (p.get(0) as Y.XmlText | undefined)?.length ?? 0;
          for (let i = seen.get(who) ?? 0; i < length; i++) if (measuring && author.sent[i] !== undefined) latencies.push(now - author.sent[i]);
          seen.set(who, length);
        }
      });
    }
    typists.push(...table);
  }
  for (const t of typists) t.provider.connect();
  await Promise.all(typists.map((t) => whenSynced(t.provider)));
  // Each note-taker's own paragraph, written once they are all connected.
  for (const t of typists) {
    const p = new Y.XmlElement('paragraph');
    p.setAttribute('typist', t.id as never);
    p.insert(0, [t.text]);
    t.doc.getXmlFragment('notes').push([p]);
  }
  await sleep(1500);

  const rss = peakRss(target.pid);
  const cpuBefore = cpuSeconds(target.pid);
  measuring = true;
  const started = performance.now();
  const interval = 1000 / CPS;
  const timers = typists.map((t, i) =>
    setTimeout(
      () => {
        const tick = setInterval(() => {
          if (performance.now() - started > SECONDS * 1000) return clearInterval(tick);
          t.sent.push(performance.now());
          t.text.insert(t.text.length, 'abcdefghij'[t.sent.length % 10]);
          t.provider.awareness.setLocalStateField('cursor', { at: t.text.length });
          keystrokes++;
        }, interval);
      },
      (i * interval) / typists.length,
    ),
  );
  await sleep(SECONDS * 1000 + 500);
  const cpu = cpuSeconds(target.pid) - cpuBefore;
  await sleep(2000); // stragglers
  measuring = false;
  const peak = rss.stop();
  timers.forEach(clearTimeout);
  for (const t of typists) t.provider.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const expected = keystrokes * (PER - 1);
  return {
    server: target.name,
    typists: typists.length,
    keystrokes,
    deliveries: sorted.length,
    missing: expected - sorted.length,
    p50: +percentile(sorted, 50).toFixed(2),
    p99: +percentile(sorted, 99).toFixed(2),
    max: +(sorted.at(-1) ?? NaN).toFixed(2),
    cpuSeconds: +cpu.toFixed(2),
    cpuPercent: +((cpu / SECONDS) * 100).toFixed(1),
    cpuMsPerKeystroke: +((cpu * 1000) / keystrokes).toFixed(3),
    peakRssMiB: +peak.toFixed(1),
  };
}

const results: Result[][] = [];
for (let round = 0; round < ROUNDS; round++) {
  const pair: Result[] = [];
  const order = round % 2 === 0 ? [startPlenary, startReference] : [startReference, startPlenary];
  for (const start of order) {
    const target = await start();
    try {
      pair.push(await run(target));
    } finally {
      await target.stop();
    }
  }
  pair.sort((a) => (a.server === 'plenary' ? -1 : 1));
  console.log(JSON.stringify(pair));
  results.push(pair);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const keys = ['p50', 'p99', 'max', 'cpuSeconds', 'cpuPercent', 'cpuMsPerKeystroke', 'peakRssMiB', 'missing'] as const;
console.log(`\n${GROUPS} tables × ${PER} note-takers × ${CPS} chars/s for ${SECONDS} s, medians of ${ROUNDS} round(s)`);
console.log('| measure | Plenary | reference | Plenary / reference |\n| --- | ---: | ---: | ---: |');
for (const k of keys) {
  const p = median(results.map((r) => r[0][k]));
  const ref = median(results.map((r) => r[1][k]));
  console.log(`| ${k} | ${p} | ${ref} | ${ref ? (p / ref).toFixed(2) : 'n/a'} |`);
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/breakouts-${Date.now()}.json`, JSON.stringify({ GROUPS, PER, CPS, SECONDS, results }, null, 2));
process.exit(0);
