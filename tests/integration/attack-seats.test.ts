/**
 * Attack on seats ([BR9], [F2]): seats are the server's alone. A crafted update from a
 * facilitator's socket that deletes a whole round entry (or replaces it with a fresh one) takes
 * every seat with it: every phone at a table loses its table at once. No console ever deletes a
 * round (the model has no such operation), so it is refused like any other seat removal.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, eventually } from '../helpers/clients.js';
import { useRoom } from '../helpers/room.js';
import { Phone } from '../helpers/phone.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { planRound, readRound, startRound, tableId } from '../../app/model/breakouts.js';

const room = useRoom('Seats');

const seats = (doc: Y.Doc, item: string) => Object.fromEntries((readRound(doc, item)?.members ?? []).map((m) => [m.key, m.tableId]));

it('[BR9] [F2] a facilitator’s socket deleting or replacing a round that has seats is refused (4403); every seat stays', async () => {
  const item = addItem(room.plenary.doc, { title: 'Tables', kind: 'breakout', minutes: 20 });
  goToItem(room.plenary.doc, item, Date.now());
  planRound(room.plenary.doc, item, { prompts: ['What next?'], minutes: 10, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
  startRound(room.plenary.doc, item, Date.now());
  const phone = new Phone(room.server.url);
  await phone.join(room.asm.attendeeToken);
  await eventually(async () => expect(await phone.send(`/a/${room.asm.id}?index`, { intent: 'join-table', table: tableId(item, 1) })).toBe(303));
  const seated = await eventually(() => {
    const now = seats(room.plenary.doc, item);
    expect(Object.keys(now)).toHaveLength(1);
    return now;
  });
  for (const change of [
    (rounds: Y.Map<unknown>) => rounds.delete(item),
    (rounds: Y.Map<unknown>) => {
      const fresh = new Y.Map<unknown>();
      rounds.set(item, fresh);
      fresh.set('status', 'running');
      fresh.set('tableCount', 2);
    },
  ]) {
    const console_ = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.facilitatorToken);
    await console_.synced;
    await eventually(() => expect(seats(console_.doc, item)).toEqual(seated));
    change(console_.doc.getMap('breakoutRounds'));
    // Refused (the socket closes), or taken (the room's copy loses the seat): whichever comes first.
    const verdict = await Promise.race([
      console_.closed.then((c) => c.code),
      eventually(() => expect(seats(room.plenary.doc, item)).not.toEqual(seated), { timeout: 10_000 }).then(() => 'taken: the seat is gone'),
    ]);
    expect(verdict).toBe(4403);
    console_.destroy();
  }
  const fresh = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.facilitatorToken);
  await fresh.synced;
  expect(seats(fresh.doc, item)).toEqual(seated);
  fresh.destroy();
  // The phone still has its table.
  const state = await (await phone.get(`/a/${room.asm.id}/command`)).json();
  expect(seated[state.phone.seatKey]).toBe(tableId(item, 1));
});

it('[BR9] a round without seats may still be replaced or removed by a facilitator’s socket (nothing of the room.server’s is lost)', async () => {
  const item = addItem(room.plenary.doc, { title: 'Empty tables', kind: 'breakout', minutes: 20 });
  planRound(room.plenary.doc, item, { prompts: ['Who?'], minutes: 10, assignment: 'count-off', tables: [{ label: '' }] });
  const console_ = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.facilitatorToken);
  await console_.synced;
  await eventually(() => expect(readRound(console_.doc, item)).not.toBeNull());
  console_.doc.getMap('breakoutRounds').delete(item);
  await eventually(() => expect(readRound(room.plenary.doc, item)).toBeNull());
  expect(console_.provider.wsconnected).toBe(true);
  console_.destroy();
});
