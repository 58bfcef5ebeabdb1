/**
 * One real Chromium first visit through an attendee join link, recorded over CDP: every request,
 * its status and the bytes transferred (encoded body and headers), and the websocket frames. The
 * simulated phone of bench/join.ts is checked against this.
 *
 *   npm run build && npx tsx bench/chromium-visit.ts
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { spawnServer } from '../tests/helpers/child-server.js';
import { createAssembly, tempDataDir } from '../tests/helpers/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const dataDir = tempDataDir('plenary-visit-');
const server = await spawnServer(dataDir, { LOG_LEVEL: 'error' }, { compiled: true });
const asm = await createAssembly(server.url, 'Benchmark assembly');
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  interface Row {
    url: string;
    type: string;
    status?: number;
    encoding?: string;
    bodyBytes?: number;
    transferred?: number;
  }
  const rows = new Map<string, Row>();
  const ws = { sent: 0, received: 0, framesSent: 0, framesReceived: 0 };
  cdp.on('Network.requestWillBeSent', (e) => {
    // A redirect reuses the request id: keep the redirect as its own row.
    const prev = rows.get(e.requestId);
    if (prev && e.redirectResponse) {
      prev.status = e.redirectResponse.status;
      prev.transferred = e.redirectResponse.encodedDataLength;
      rows.set(`${e.requestId}-redirect-${rows.size}`, prev);
    }
    rows.set(e.requestId, { url: e.request.url, type: e.type ?? '' });
  });
  cdp.on('Network.responseReceived', (e) => {
    const row = rows.get(e.requestId);
    if (!row) return;
    row.status = e.response.status;
    row.encoding = (e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'identity') as string;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const row = rows.get(e.requestId);
    if (row) row.transferred = e.encodedDataLength;
  });
  cdp.on('Network.dataReceived', (e) => {
    const row = rows.get(e.requestId);
    if (row) row.bodyBytes = (row.bodyBytes ?? 0) + e.encodedDataLength;
  });
  cdp.on('Network.webSocketFrameSent', (e) => {
    ws.framesSent++;
    ws.sent += Buffer.from(e.response.payloadData, e.response.opcode === 2 ? 'base64' : 'utf8').length;
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    ws.framesReceived++;
    ws.received += Buffer.from(e.response.payloadData, e.response.opcode === 2 ? 'base64' : 'utf8').length;
  });
  const started = performance.now();
  await page.goto(`${server.url}/join/${asm.attendeeToken}`);
  await page.locator('[data-testid="connection"][data-status="connected"]').first().waitFor({ timeout: 30_000 });
  const liveMs = performance.now() - started;
  await page.waitForTimeout(1500);
  const list = [...rows.values()].map((r) => ({ ...r, url: r.url.replace(server.url, '') }));
  for (const r of list)
    console.log(`${String(r.status).padEnd(4)} ${String(r.transferred ?? '?').padStart(7)} ${(r.encoding ?? '').padEnd(8)} ${r.type.padEnd(10)} ${r.url}`);
  const total = list.reduce((s, r) => s + (r.transferred ?? 0), 0);
  console.log(
    `\n${list.length} requests, ${total} bytes transferred (headers and encoded bodies); websocket: ${ws.framesSent} frames / ${ws.sent} B sent, ${ws.framesReceived} frames / ${ws.received} B received; live after ${liveMs.toFixed(0)} ms`,
  );
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(`bench/results/chromium-visit-${Date.now()}.json`, JSON.stringify({ requests: list, total, ws, liveMs }, null, 2));
} finally {
  await browser.close();
  server.process.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
