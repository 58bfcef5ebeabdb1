import { expect, it } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { closeCodeOf, connect, eventually, rawSocket } from '../helpers/clients.js';
import { createAssembly, startTestServer } from '../helpers/server.js';
import { setMeta } from '../../app/model/meta.js';

it('[X1] nothing the server logs, errors included, holds a client address', async () => {
  const lines: string[] = [];
  const server = await startTestServer({ logger: createLogger('debug', (l) => void lines.push(l)) });
  try {
    const asm = await createAssembly(server.url);
    const c = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
    await c.synced;
    setMeta(c.doc, { place: 'Union hall' });
    const bad = await rawSocket(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
    const closed = closeCodeOf(bad);
    bad.send(new Uint8Array([7, 7, 7]));
    await closed;
    await fetch(`${server.url}/api/assemblies`, { method: 'POST', body: '{oops' });
    // Make the store fail so the error path logs.
    const original = server.store.appendUpdates.bind(server.store);
    server.store.appendUpdates = async () => {
      throw new Error('disk full');
    };
    setMeta(c.doc, { place: 'Union hall, room 2' });
    try {
      await eventually(() => expect(lines.some((l) => l.includes('saving an update failed'))).toBe(true));
    } finally {
      server.store.appendUpdates = original;
    }
    for (const line of lines) expect(line).not.toMatch(/127\.0\.0\.1|::1|::ffff:|localhost/);
    c.destroy();
  } finally {
    await server.close();
  }
});
