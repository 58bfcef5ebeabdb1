/**
 * Deleting an assembly leaves nothing of it in the database files: a real server process, real
 * documents, notes, names and minutes, then the console's delete, then a search of the bytes.
 */
import { afterAll, expect, it } from 'vitest';
import { connect, settled } from '../helpers/clients.js';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { createAssembly, databaseBytes, tempDataDir, type CreatedAssembly } from '../helpers/server.js';
import { addItem } from '../../app/model/agenda.js';
import { planRound, readRound, startRound } from '../../app/model/breakouts.js';
import { appendParagraph } from '../../app/model/notes.js';
import { goToItem, nextItem } from '../../app/model/run.js';
import { nextSpeaker, raiseHand } from '../../app/model/stack.js';

const dataDir = tempDataDir('plenary-delete-');
let server: ChildServer;
afterAll(async () => {
  server?.process.kill('SIGTERM');
  await server?.exited;
});

const dbBytes = () => databaseBytes(dataDir);

async function fill(asm: CreatedAssembly, marker: string) {
  const plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  const item = addItem(plenary.doc, { title: `Item ${marker}`, kind: 'breakout', minutes: 20 });
  goToItem(plenary.doc, item, Date.now());
  raiseHand(plenary.doc, { name: `Speaker ${marker}`, kind: 'speak' }, Date.now());
  nextSpeaker(plenary.doc, Date.now());
  planRound(plenary.doc, item, { prompts: [`Prompt ${marker}`], minutes: 10, assignment: 'count-off', tables: [{ label: '' }] });
  startRound(plenary.doc, item, Date.now());
  const table = readRound(plenary.doc)!.tables[0].id;
  const notes = connect(server.syncUrl, `${asm.id}/notes/${item}`, asm.facilitatorToken);
  const breakout = connect(server.syncUrl, `${asm.id}/breakout/${table}`, asm.facilitatorToken);
  await Promise.all([notes.synced, breakout.synced]);
  appendParagraph(notes.doc, 'notes', `Plenary note ${marker}`);
  appendParagraph(breakout.doc, 'reportBack', `Report ${marker}`);
  // Stored: the server answers each client's sync request only once what it sent is saved.
  await settled(plenary, notes, breakout);
  for (const c of [plenary, notes, breakout]) c.destroy();
  const res = await fetch(`${server.url}/a/${asm.id}/minutes/edit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${asm.facilitatorToken}` },
    body: new URLSearchParams({ intent: 'publish', markdown: `# Minutes ${marker}` }),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  // An unpublished draft is kept on the server ([D4]): it must go with the assembly too.
  const auth = { authorization: `Bearer ${asm.facilitatorToken}` };
  const { revision } = (await (await fetch(`${server.url}/a/${asm.id}/minutes/draft`, { headers: auth })).json()) as { revision: number };
  const draft = await fetch(`${server.url}/a/${asm.id}/minutes/draft`, {
    method: 'POST',
    headers: auth,
    body: new URLSearchParams({ markdown: `# Draft-${marker}`, revision: String(revision) }),
  });
  expect(draft.status).toBe(200);
  // A translation of the published version, by an interpreter ([L60]): it goes with the assembly too.
  const minted = await fetch(`${server.url}/api/assemblies/${asm.id}/links`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'interpreter', scope: 'es' }),
  });
  expect(minted.status).toBe(201);
  const interpreter = ((await minted.json()) as { url: string }).url.split('/').pop()!;
  const translated = await fetch(`${server.url}/a/${asm.id}/interpret/minutes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${interpreter}` },
    body: new URLSearchParams({ version: '1', revision: '0', markdown: `# Actas Traducidas-${marker}` }),
    redirect: 'manual',
  });
  expect(translated.status).toBe(303);
}

it('[X4] [D4] [L60] after deleting an assembly no table of the database file holds its title, notes, names, minutes draft or translations', async () => {
  server = await spawnServer(dataDir);
  const doomed = await createAssembly(server.url, 'Assembly Velvet-Lantern-7731');
  const kept = await createAssembly(server.url, 'Assembly Obsidian-Harbor-4410');
  await fill(doomed, 'Marigold-5521');
  await fill(kept, 'Saffron-9902');

  // Before: the search finds both, so finding nothing afterwards means something.
  for (const marker of [
    'Velvet-Lantern-7731',
    'Marigold-5521',
    'Draft-Marigold-5521',
    'Traducidas-Marigold-5521',
    'Obsidian-Harbor-4410',
    'Saffron-9902',
    'Draft-Saffron-9902',
    'Traducidas-Saffron-9902',
  ]) {
    expect(dbBytes().includes(Buffer.from(marker)), marker).toBe(true);
  }

  const wrong = await fetch(`${server.url}/a/${doomed.id}/facilitate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${doomed.facilitatorToken}` },
    body: new URLSearchParams({ intent: 'delete', confirm: 'not the title' }),
    redirect: 'manual',
  });
  expect(wrong.status).toBe(400); // a mistyped confirmation deletes nothing
  const res = await fetch(`${server.url}/a/${doomed.id}/facilitate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${doomed.facilitatorToken}` },
    body: new URLSearchParams({ intent: 'delete', confirm: 'Assembly Velvet-Lantern-7731' }),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);

  const bytes = dbBytes();
  for (const marker of ['Velvet-Lantern-7731', 'Marigold-5521', 'Draft-Marigold-5521', 'Traducidas-Marigold-5521']) {
    expect(bytes.includes(Buffer.from(marker)), marker).toBe(false);
  }
  for (const marker of ['Obsidian-Harbor-4410', 'Saffron-9902', 'Draft-Saffron-9902', 'Traducidas-Saffron-9902']) {
    expect(bytes.includes(Buffer.from(marker)), marker).toBe(true);
  }
  // And it is gone for everyone: its links no longer open anything.
  expect((await fetch(`${server.url}/a/${doomed.id}`, { headers: { authorization: `Bearer ${doomed.attendeeToken}` } })).status).toBe(404);
  // The kept assembly's documents still load whole after a restart.
  server.process.kill('SIGTERM');
  await server.exited;
  server = await spawnServer(dataDir);
  expect(dbBytes().includes(Buffer.from('Velvet-Lantern-7731'))).toBe(false);
  expect((await fetch(`${server.url}/a/${kept.id}/minutes`, { headers: { authorization: `Bearer ${kept.attendeeToken}` } })).status).toBe(200);
});

it('[X4] an assembly set to delete itself 0 days after it ends is gone once its last item has ended', async () => {
  const asm = await createAssembly(server.url, 'Assembly Scheduled-Ember-3308');
  const plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  const only = addItem(plenary.doc, { title: 'Only item', kind: 'discussion', minutes: 5 });
  goToItem(plenary.doc, only, Date.now());
  const schedule = (days: string) =>
    fetch(`${server.url}/a/${asm.id}/facilitate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${asm.facilitatorToken}` },
      body: new URLSearchParams({ intent: 'delete-after', days }),
      redirect: 'manual',
    });
  expect((await schedule('')).status).toBe(400);
  expect((await schedule('0')).status).toBe(200);
  // Still running: a restart (which sweeps) keeps it.
  await settled(plenary);
  server.process.kill('SIGTERM');
  await server.exited;
  server = await spawnServer(dataDir);
  expect((await fetch(`${server.url}/a/${asm.id}`, { headers: { authorization: `Bearer ${asm.attendeeToken}` } })).status).toBe(200);
  // The last item ends; the next sweep deletes it.
  const again = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await again.synced;
  nextItem(again.doc, Date.now());
  await settled(again);
  again.destroy();
  plenary.destroy();
  server.process.kill('SIGTERM');
  await server.exited;
  server = await spawnServer(dataDir);
  expect((await fetch(`${server.url}/a/${asm.id}`, { headers: { authorization: `Bearer ${asm.attendeeToken}` } })).status).toBe(404);
  expect(dbBytes().includes(Buffer.from('Scheduled-Ember-3308'))).toBe(false);
});
