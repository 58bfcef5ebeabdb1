/**
 * What `npm start` runs: the compiled server (build/node) under plain Node, no tsx. The other
 * tests run the TypeScript source, so this one catches what only breaks once compiled (an
 * import Node cannot resolve, a file the build leaves out).
 */
import { afterAll, expect, it } from 'vitest';
import { connect, eventually } from '../helpers/clients.js';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { createAssembly, tempDataDir } from '../helpers/server.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { readStack } from '../../app/model/stack.js';

let server: ChildServer;
afterAll(async () => {
  server?.process.kill('SIGTERM');
  await server?.exited;
});

it('the compiled server starts, serves pages, syncs, and applies an attendee’s command', async () => {
  server = await spawnServer(tempDataDir('plenary-start-'), {}, { compiled: true });
  const asm = await createAssembly(server.url, 'Compiled assembly');
  const facilitator = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await facilitator.synced;
  goToItem(facilitator.doc, addItem(facilitator.doc, { title: 'Open floor', kind: 'discussion', minutes: 20 }), Date.now());
  const page = await fetch(`${server.url}/a/${asm.id}`, { headers: { authorization: `Bearer ${asm.attendeeToken}` } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Compiled assembly');
  const raised = await fetch(`${server.url}/a/${asm.id}?index`, {
    method: 'POST',
    headers: { authorization: `Bearer ${asm.attendeeToken}` },
    body: new URLSearchParams({ intent: 'raise', name: 'Amina', kind: 'speak' }),
    redirect: 'manual',
  });
  expect(raised.status).toBe(303);
  await eventually(() => expect(readStack(facilitator.doc).queue.map((e) => e.name)).toEqual(['Amina']));
  facilitator.destroy();
});
