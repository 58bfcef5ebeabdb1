import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, eventually } from '../helpers/clients.js';
import { createAssembly, startTestServer, type TestServer } from '../helpers/server.js';
import { SYNC_DEFAULTS } from '../../server/index.js';

/**
 * The stock client drops a socket it has heard nothing on for 30 s ([S7]). Production sends a
 * keepalive after 10 s of silence and pings every 10 s; here the same machinery runs on a
 * 400 ms interval (the server's `sync.keepaliveMs` and `deadAfterMs`, scaled together), so a few
 * seconds show what a minute would in production.
 */
const KEEPALIVE_MS = 400;
/** The client's watchdog is three production intervals; scaled the same way. */
const WATCHDOG_MS = 3 * KEEPALIVE_MS;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ sync: { keepaliveMs: KEEPALIVE_MS, deadAfterMs: (KEEPALIVE_MS * SYNC_DEFAULTS.deadAfterMs) / SYNC_DEFAULTS.keepaliveMs } });
});
afterAll(() => server.close());

it('[S7] production keepalives fall well inside the stock client’s 30 s silence watchdog', () => {
  const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/y-websocket/src/y-websocket.js'), 'utf8');
  const watchdog = Number(/const messageReconnectTimeout = (\d+)/.exec(source)?.[1]);
  expect(watchdog).toBe(30_000);
  // The server checks every second: a quiet socket hears from it within keepaliveMs + 1 s.
  expect(SYNC_DEFAULTS.keepaliveMs + 1_000).toBeLessThanOrEqual(watchdog / 2);
  expect(WATCHDOG_MS / KEEPALIVE_MS).toBe(watchdog / SYNC_DEFAULTS.keepaliveMs);
  // A socket is dropped as dead only after several unanswered pings.
  expect(SYNC_DEFAULTS.deadAfterMs).toBeGreaterThan(3 * SYNC_DEFAULTS.keepaliveMs);
});

it('[S7] an idle read-only client with no presence hears the server within every interval and keeps its socket', async () => {
  const asm = await createAssembly(server.url);
  const reader = connect(server.syncUrl, `${asm.id}/plenary`, asm.attendeeToken);
  try {
    await reader.synced;
    expect(reader.provider.awareness.getLocalState()).toBeNull();
    const drops: unknown[] = [];
    reader.provider.on('connection-close', (e) => drops.push(e));
    const ws = reader.provider.ws!;
    const heard = [Date.now()];
    ws.addEventListener('message', () => heard.push(Date.now()));
    // Twelve keepalives: past the scaled watchdog four times over, and past the dead-socket limit
    // (so pings were answered).
    await eventually(() => expect(heard.length).toBeGreaterThan(12), { timeout: 30 * KEEPALIVE_MS });
    const gaps = heard.slice(1).map((t, i) => t - heard[i]);
    expect(Math.max(...gaps)).toBeLessThan(WATCHDOG_MS);
    expect(drops).toEqual([]);
    expect(reader.provider.ws).toBe(ws); // the same socket, never replaced
    expect(reader.provider.wsconnected).toBe(true);
  } finally {
    reader.destroy();
  }
});
