/**
 * Where a phone's join costs the server CPU: each kind of request a first visit makes, repeated on
 * a warm server (4 at a time, keep-alive), with the server process's CPU time per request
 * (/proc/<pid>/stat). Plenary as `npm start` runs it.
 *
 *   npm run build && npx tsx bench/join-costs.ts [--repeat 400]
 */
import http from 'node:http';
import os from 'node:os';
import fs from 'node:fs';
import WebSocket from 'ws';
import { spawnServer } from '../tests/helpers/child-server.js';
import { createAssembly, tempDataDir } from '../tests/helpers/server.js';
import { arg, cpuSeconds } from './lib.js';
import { loaderStateOf, referencesOf } from './join-phone.js';

const REPEAT = arg('repeat', 400);
const dataDir = tempDataDir('plenary-costs-');
const server = await spawnServer(dataDir, { LOG_LEVEL: 'error' }, { compiled: true });
const pid = server.process.pid!;
const asm = await createAssembly(server.url, 'Benchmark assembly');
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const headers = { 'accept-encoding': 'gzip, deflate, br, zstd', 'user-agent': 'Mozilla/5.0 (Linux; Android 10) Chrome/131.0.0.0 Mobile Safari/537.36' };

function get(path: string, extra: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    http
      .get(`${server.url}${path}`, { agent, headers: { ...headers, ...extra } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks), headers: res.headers }));
      })
      .on('error', reject);
  });
}

const join = await get(`/join/${asm.attendeeToken}`);
const cookie = String(join.headers['set-cookie']).split(';')[0];
const page = await get(join.headers.location!, { cookie, accept: 'text/html' });
const html = (await import('node:zlib')).brotliDecompressSync(page.body).toString();
const scripts = referencesOf(html).filter((r) => r.endsWith('.js'));
const size = (r: string) => fs.statSync(`build/client${r}`).size;
const biggest = scripts.reduce((a, b) => (size(b) > size(a) ? b : a));
const smallest = scripts.reduce((a, b) => (size(b) < size(a) ? b : a));
const state = loaderStateOf(html);

async function measure(label: string, once: () => Promise<unknown>, repeat = REPEAT) {
  for (let i = 0; i < 20; i++) await once();
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next++ < repeat) await once();
    }),
  );
  const ms = ((cpuSeconds(pid) - c0) * 1000) / repeat;
  console.log(`| ${label} | ${ms.toFixed(3)} | ${((performance.now() - t0) / repeat).toFixed(2)} | ${os.loadavg()[0].toFixed(2)} |`);
}

console.log(
  `${REPEAT} of each, 4 at a time, on a warm server\n\n| request | server CPU per request (ms) | wall per request (ms) | 1-min load |\n| --- | ---: | ---: | ---: |`,
);
await measure('GET /join/<token> (303, cookie)', () => get(`/join/${asm.attendeeToken}`));
await measure('GET /a/<id> (the attendee page)', () => get(join.headers.location!, { cookie, accept: 'text/html' }));
await measure(`GET ${biggest} (largest script)`, () => get(biggest));
await measure(`GET ${smallest} (smallest script)`, () => get(smallest));
await measure('GET /api/time', () => get('/api/time'));
await measure('GET /a/<id>/command', () => get(`${join.headers.location}/command`, { cookie, accept: 'application/json' }));
await measure(
  'websocket: open, sync step 1 → step 2, close',
  () =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${server.syncUrl}/${asm.id}/plenary`, { headers: { cookie, origin: server.url }, perMessageDeflate: false });
      ws.on('open', () => ws.send(Buffer.from([0, 0, 1, 0])));
      ws.on('message', () => {
        ws.close();
        resolve();
      });
      ws.on('error', reject);
    }),
  Math.min(REPEAT, 200),
);
void state;
agent.destroy();
server.process.kill('SIGTERM');
await server.exited;
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
