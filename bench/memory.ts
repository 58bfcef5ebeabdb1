/**
 * Memory and assemblies per node: RSS of Plenary as `npm start` runs it with 1, 10 and 100 open
 * assemblies of 40 connected phones each (the plenary document loaded, every socket open and
 * synced), so the deployment guide can say how many rooms one node holds.
 *
 *   npm run bench:memory -- --assemblies 1,10,100 --phones 40 --items 15
 *
 * Each assembly gets `items` agenda items from a facilitator first (a real room's agenda). Phones
 * are light protocol clients (a socket each: sync step 1, step 2 received; no Y.Doc), so the client
 * process stays small. RSS is read from /proc/<pid>/status 5 s after the last phone synced (the
 * median of 10 samples over the next second); the load average is printed beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { spawnServer } from '../tests/helpers/child-server.js';
import { createAssembly, tempDataDir, type CreatedAssembly } from '../tests/helpers/server.js';
import { arg, cpuSeconds, rssMiB, sleep, whenSynced } from './lib.js';

const STEPS = (process.argv.includes('--assemblies') ? process.argv[process.argv.indexOf('--assemblies') + 1] : '1,10,100').split(',').map(Number);
const PHONES = arg('phones', 40);
const ITEMS = arg('items', 15);

function phone(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => ws.send(Buffer.from([0, 0, 1, 0])));
    ws.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve(ws));
    ws.on('error', reject);
    ws.on('close', (code) => reject(new Error(`closed with ${code}`)));
  });
}

async function seed(syncUrl: string, asm: CreatedAssembly): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, `${asm.id}/plenary`, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: asm.facilitatorToken },
  });
  await whenSynced(provider);
  const agenda = doc.getMap<Y.Map<unknown>>('agendaItems');
  doc.transact(() => {
    for (let i = 0; i < ITEMS; i++)
      agenda.set(
        `item${i}`,
        new Y.Map<unknown>([
          ['title', `Item ${i}: report from the organizing committee`],
          ['kind', 'discussion'],
          ['minutes', 10],
          ['position', i],
          ['status', 'pending'],
        ]),
      );
  });
  await sleep(200);
  provider.destroy();
  doc.destroy();
}

async function median10(pid: number): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < 10; i++) {
    xs.push(rssMiB(pid));
    await sleep(100);
  }
  return xs.sort((a, b) => a - b)[5];
}

const dataDir = tempDataDir('plenary-memory-');
const server = await spawnServer(dataDir, { LOG_LEVEL: 'error' }, { compiled: true });
const pid = server.process.pid!;
const rows: { assemblies: number; phones: number; rssMiB: number; load: number[]; cpuSeconds: number }[] = [];
try {
  await sleep(2000);
  const idle = await median10(pid);
  rows.push({ assemblies: 0, phones: 0, rssMiB: idle, load: os.loadavg(), cpuSeconds: cpuSeconds(pid) });
  console.log(JSON.stringify(rows.at(-1)));
  const sockets: WebSocket[] = [];
  let open = 0;
  for (const target of STEPS) {
    for (; open < target; open++) {
      const asm = await createAssembly(server.url, `Assembly ${open + 1}`);
      await seed(server.syncUrl, asm);
      const url = `${server.syncUrl}/${asm.id}/plenary?token=${asm.attendeeToken}`;
      sockets.push(...(await Promise.all(Array.from({ length: PHONES }, () => phone(url)))));
    }
    await sleep(5000);
    rows.push({ assemblies: target, phones: sockets.length, rssMiB: await median10(pid), load: os.loadavg(), cpuSeconds: cpuSeconds(pid) });
    console.log(JSON.stringify(rows.at(-1)));
  }
  for (const s of sockets) s.terminate();
} finally {
  server.process.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// V8 collects the start-up's garbage whenever it likes, so the idle figure can be above a later
// one: the step-to-step growth per added assembly is the figure to read.
const lines = [
  `${PHONES} phones per assembly, ${ITEMS} agenda items each; RSS 5 s after the last phone synced (median of 10 samples)`,
  '',
  '| open assemblies | connected phones | server RSS (MiB) | growth per added assembly since the previous row (MiB) | 1-min load |',
  '| ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r, i) => {
    const prev = rows[i - 1];
    const growth = prev && r.assemblies > prev.assemblies ? ((r.rssMiB - prev.rssMiB) / (r.assemblies - prev.assemblies)).toFixed(2) : 'n/a';
    return `| ${r.assemblies} | ${r.phones} | ${r.rssMiB.toFixed(1)} | ${growth} | ${r.load[0].toFixed(2)} |`;
  }),
];
console.log(`\n${lines.join('\n')}`);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/memory-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, JSON.stringify({ PHONES, ITEMS, rows }, null, 2));
process.exit(0);
