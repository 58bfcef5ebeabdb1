/**
 * The floor for bench/join.ts, run as its own process: the bytes Plenary sent one phone (page,
 * scripts, styles, icon, redirect, clock and state answers) served back as prebuilt files by a bare
 * `node:http` server, and a bare websocket that answers any sync step 1 with the same pre-encoded
 * step 2. No Express, no Remix, no Yjs, no storage, no permissions: what a join would cost if every
 * page were prebuilt.
 *
 *   node --import tsx bench/join-floor.ts <capture.json>
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

interface Entry {
  path: string;
  status: number;
  headers: [string, string][];
  body: string;
}
const capture = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as { responses: Entry[]; step2: string };
const DROP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
const prebuilt = new Map<string, { status: number; headers: [string, string][]; body: Buffer }>();
let join: { status: number; headers: [string, string][]; body: Buffer } | null = null;
let page: { status: number; headers: [string, string][]; body: Buffer } | null = null;
let command: { status: number; headers: [string, string][]; body: Buffer } | null = null;
for (const e of capture.responses) {
  const body = Buffer.from(e.body, 'base64');
  const headers = e.headers.filter(([k]) => !DROP.has(k.toLowerCase()));
  headers.push(['Content-Length', String(body.length)]);
  const file = { status: e.status, headers, body };
  if (e.path.startsWith('/join/')) join = file;
  else if (/^\/a\/[^/]+$/.test(e.path)) page = file;
  else if (/^\/a\/[^/]+\/command$/.test(e.path)) command = file;
  else prebuilt.set(e.path, file);
}
const step2 = Buffer.from(capture.step2, 'base64');

const server = http.createServer((req, res) => {
  const url = req.url ?? '/';
  const file = url.startsWith('/join/') ? join : /^\/a\/[^/]+$/.test(url) ? page : /^\/a\/[^/]+\/command$/.test(url) ? command : prebuilt.get(url);
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(file.status, file.headers.flat());
  res.end(file.body);
});
server.keepAliveTimeout = 5000;
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data: Buffer) => {
    // Sync step 1 (message 0, step 0) gets the prebuilt step 2; nothing else is answered.
    if (data[0] === 0 && data[1] === 0) ws.send(step2);
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
