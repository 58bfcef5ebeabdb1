import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, sleep } from '../helpers/clients.js';
import { createAssembly, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  // Production keepalive settings: this test is only worth something with the real ones.
  server = await startTestServer();
});
afterAll(() => server.close());

it('[S7] an idle read-only client with no presence stays connected past 60 s', async () => {
  const asm = await createAssembly(server.url);
  const reader = connect(server.syncUrl, `${asm.id}/plenary`, asm.attendeeToken);
  await reader.synced;
  expect(reader.provider.awareness.getLocalState()).toBeNull();
  const drops: unknown[] = [];
  reader.provider.on('connection-close', (e) => drops.push(e));
  let messages = 0;
  const ws = reader.provider.ws!;
  ws.addEventListener('message', () => messages++);
  await sleep(65_000);
  expect(drops).toEqual([]);
  expect(reader.provider.ws).toBe(ws); // the same socket, never replaced
  expect(reader.provider.wsconnected).toBe(true);
  // It heard the server at least every 15 s.
  expect(messages).toBeGreaterThanOrEqual(4);
  reader.destroy();
}, 90_000);
