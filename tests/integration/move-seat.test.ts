/**
 * [BR9][BR10] A facilitator moves one person (one phone's seat) to another table, or a whole
 * table, as a server command: it carries its round and seat, so a stale click changes nothing;
 * other roles cannot; bad input is a 4xx, never a 500; nobody's socket is closed by a move.
 */
import { expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connect, eventually } from '../helpers/clients.js';
import { useRoom } from '../helpers/room.js';
import { mintLink } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { planRound, readRound, startRound, tableId } from '../../app/model/breakouts.js';

const room = useRoom('Moves');

const facilitate = () => `/a/${room.asm.id}/facilitate`;
const facilitator = () => new Phone(room.server.url, room.asm.facilitatorToken);
const seats = (item: string) => Object.fromEntries((readRound(room.plenary.doc, item)?.members ?? []).map((m) => [m.key, m.tableId]));

/** A running round of `tables` count-off tables on a fresh current item. */
async function runningRound(tables = 3): Promise<string> {
  const item = addItem(room.plenary.doc, { title: 'Tables', kind: 'breakout', minutes: 20 });
  goToItem(room.plenary.doc, item, Date.now());
  planRound(room.plenary.doc, item, {
    prompts: ['What next?'],
    minutes: 10,
    assignment: 'count-off',
    tables: Array.from({ length: tables }, () => ({ label: '' })),
  });
  startRound(room.plenary.doc, item, Date.now());
  await eventually(async () => {
    const check = await facilitator().get(`/a/${room.asm.id}/screen`);
    expect(await check.text()).toContain('data-testid="screen-round"');
  });
  return item;
}

/** A phone seated at table `n` of `item`'s round; answers the phone and its seat key. */
async function seated(item: string, n: number): Promise<{ phone: Phone; seat: string }> {
  const phone = new Phone(room.server.url);
  await phone.join(room.asm.attendeeToken);
  const before = new Set(Object.keys(seats(item)));
  expect(await phone.send(`/a/${room.asm.id}?index`, { intent: 'join-table', table: tableId(item, n) })).toBe(303);
  const seat = await eventually(() => {
    const fresh = Object.keys(seats(item)).filter((k) => !before.has(k));
    expect(fresh).toHaveLength(1);
    return fresh[0];
  });
  return { phone, seat };
}

it('[BR10] a facilitator moves one person to another table; the others at that table stay, and nobody is disconnected', async () => {
  const item = await runningRound();
  const ana = await seated(item, 1);
  const ben = await seated(item, 1);
  let closed = false;
  void room.plenary.closed.then(() => (closed = true));
  expect(await facilitator().send(facilitate(), { intent: 'move-member', itemId: item, seat: ana.seat, table: '3' })).toBe(200);
  await eventually(() => expect(seats(item)).toEqual({ [ana.seat]: tableId(item, 3), [ben.seat]: tableId(item, 1) }));
  // The phone's own command on its seat still works after the move: it chooses table 2.
  expect(await ana.phone.send(`/a/${room.asm.id}?index`, { intent: 'join-table', table: tableId(item, 2) })).toBe(303);
  await eventually(() => expect(seats(item)[ana.seat]).toBe(tableId(item, 2)));
  // The phone's page says where it sits now.
  const page = await (await ana.phone.get(`/a/${room.asm.id}`)).text();
  expect(page).toContain('Table 2');
  // Moving to where it already sits changes nothing and is not an error.
  expect(await facilitator().send(facilitate(), { intent: 'move-member', itemId: item, seat: ana.seat, table: '2' })).toBe(200);
  expect(seats(item)[ana.seat]).toBe(tableId(item, 2));
  expect(closed).toBe(false);
});

it('[BR9] a whole table moves by a room.server command, and a move racing a phone’s own choice closes no socket', async () => {
  const item = await runningRound();
  const a = await seated(item, 2);
  const b = await seated(item, 2);
  const watcher = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.facilitatorToken);
  await watcher.synced;
  let closed = false;
  void watcher.closed.then(() => (closed = true));
  const [moved, chose] = await Promise.all([
    facilitator().post(facilitate(), { intent: 'move-table', itemId: item, from: '2', to: '1' }),
    b.phone.send(`/a/${room.asm.id}?index`, { intent: 'join-table', table: tableId(item, 3) }),
  ]);
  expect(moved.status).toBe(200);
  expect(chose).toBe(303);
  await eventually(() => expect(seats(item)[a.seat]).toBe(tableId(item, 1)));
  // Whichever came second wins for b; either way the round holds only real tables.
  expect([tableId(item, 1), tableId(item, 3)]).toContain(seats(item)[b.seat]);
  expect(closed).toBe(false);
  watcher.destroy();
});

it('[BR10] a stale click does nothing: a seat of another round, a seat nobody holds, an ended round (409); no round (404)', async () => {
  const first = await runningRound();
  const old = await seated(first, 1);
  const item = await runningRound();
  const now = await seated(item, 1);
  const before = JSON.stringify(seats(item));
  // The seat key of the earlier round's phone, sent for this round.
  for (const seat of [old.seat, 'nobody-sits-here']) {
    expect(await facilitator().send(facilitate(), { intent: 'move-member', itemId: item, seat, table: '2' })).toBe(409);
  }
  // This round's seat, sent for the earlier round (which has no such seat).
  expect(await facilitator().send(facilitate(), { intent: 'move-member', itemId: first, seat: now.seat, table: '2' })).toBe(409);
  expect(await facilitator().send(facilitate(), { intent: 'move-member', itemId: 'no-such-item', seat: now.seat, table: '2' })).toBe(404);
  expect(JSON.stringify(seats(item))).toBe(before);
  expect(await facilitator().send(facilitate(), { intent: 'end-round', itemId: item, confirm: 'yes' })).toBe(200);
  await eventually(() => expect(readRound(room.plenary.doc, item)?.status).toBe('ended'));
  expect(await facilitator().send(facilitate(), { intent: 'move-member', itemId: item, seat: now.seat, table: '2' })).toBe(409);
  expect(await facilitator().send(facilitate(), { intent: 'move-table', itemId: item, from: '1', to: '2' })).toBe(409);
  expect(JSON.stringify(seats(item))).toBe(before);
});

it('[BR10] bad input is a 400 and changes nothing; never a 500', async () => {
  const item = await runningRound(3);
  const { seat } = await seated(item, 1);
  const before = JSON.stringify(seats(item));
  const bad: Record<string, string>[] = [
    { intent: 'move-member', itemId: item, seat, table: '0' },
    { intent: 'move-member', itemId: item, seat, table: '4' },
    { intent: 'move-member', itemId: item, seat, table: '101' },
    { intent: 'move-member', itemId: item, seat, table: '1.5' },
    { intent: 'move-member', itemId: item, seat, table: 'two' },
    { intent: 'move-member', itemId: item, seat, table: '' },
    { intent: 'move-member', itemId: item, seat, table: `${item}-t2` },
    { intent: 'move-member', itemId: item, seat: '', table: '2' },
    { intent: 'move-member', itemId: item, seat: 'x'.repeat(10_000), table: '2' },
    { intent: 'move-member', itemId: item, seat: '../../etc', table: '2' },
    { intent: 'move-member', seat, table: '2' },
    { intent: 'move-member', itemId: 'a'.repeat(300), seat, table: '2' },
    { intent: 'move-table', itemId: item, from: '1', to: '9' },
    { intent: 'move-table', itemId: item, from: '-1', to: '2' },
  ];
  for (const form of bad) {
    const status = await facilitator().send(facilitate(), form);
    expect({ form: JSON.stringify(form).slice(0, 120), status }).toEqual({ form: JSON.stringify(form).slice(0, 120), status: 400 });
  }
  expect(JSON.stringify(seats(item))).toBe(before);
});

it('[BR10] only facilitators move people: a phone, a stack-keeper and a note-taker are refused and nothing moves', async () => {
  const item = await runningRound();
  const { phone, seat } = await seated(item, 1);
  const before = JSON.stringify(seats(item));
  const keeper = new Phone(room.server.url, (await mintLink(room.server.url, room.asm, { role: 'stack-keeper' })).token);
  const noteTaker = new Phone(room.server.url, (await mintLink(room.server.url, room.asm, { role: 'note-taker', scope: tableId(item, 1) })).token);
  for (const who of [phone, keeper, noteTaker]) {
    for (const form of [
      { intent: 'move-member', itemId: item, seat, table: '2' } as Record<string, string>,
      { intent: 'move-table', itemId: item, from: '1', to: '2' },
    ]) {
      const status = await who.send(facilitate(), form);
      expect(status).toBe(403);
    }
  }
  // The phone's own page refuses a keeper’s intent too, as no phone command ([K6]).
  expect(await phone.send(`/a/${room.asm.id}?index`, { intent: 'move-member', itemId: item, seat, table: '2' })).toBe(400);
  expect(await new Phone(room.server.url).send(facilitate(), { intent: 'move-member', itemId: item, seat, table: '2' })).toBe(401);
  expect(JSON.stringify(seats(item))).toBe(before);
});

it('[BR9] seats are the room.server’s: a facilitator’s own socket moving or removing a seat is refused (4403) and the seat stays', async () => {
  const item = await runningRound();
  const { seat } = await seated(item, 1);
  for (const change of [(m: Y.Map<unknown>) => m.set(seat, tableId(item, 2)), (m: Y.Map<unknown>) => m.delete(seat)]) {
    const console_ = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.facilitatorToken);
    await console_.synced;
    await eventually(() => expect(readRound(console_.doc, item)?.members.length).toBe(1));
    const members = (console_.doc.getMap('breakoutRounds').get(item) as Y.Map<unknown>).get('members') as Y.Map<unknown>;
    change(members);
    expect((await console_.closed).code).toBe(4403);
    console_.destroy();
  }
  expect(seats(item)).toEqual({ [seat]: tableId(item, 1) });
  const fresh = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.facilitatorToken);
  await fresh.synced;
  expect(Object.fromEntries(readRound(fresh.doc, item)!.members.map((m) => [m.key, m.tableId]))).toEqual({ [seat]: tableId(item, 1) });
  fresh.destroy();
});
