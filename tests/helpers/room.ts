/**
 * The usual integration-test room: a real server (the built app), one assembly, and a stock
 * y-websocket client on its plenary document with the facilitator's link. Registers its own
 * beforeAll/afterAll; read the fields inside tests.
 */
import { afterAll, beforeAll } from 'vitest';
import { connect, type Client } from './clients.js';
import { createAssembly, startTestServer, type CreatedAssembly, type TestServer } from './server.js';

export interface Room {
  server: TestServer;
  asm: CreatedAssembly;
  plenary: Client;
}

export function useRoom(title: string): Room {
  const room = {} as Room;
  beforeAll(async () => {
    room.server = await startTestServer({ remix: 'build' });
    room.asm = await createAssembly(room.server.url, title);
    room.plenary = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.facilitatorToken);
    await room.plenary.synced;
  }, 30_000);
  afterAll(async () => {
    room.plenary?.destroy();
    await room.server?.close();
  });
  return room;
}
