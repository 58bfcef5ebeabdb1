/**
 * Attack on the phone's outbox ([N1], [N2], [G5]): a tap on "Raise my hand" waits in the outbox
 * while the phone is off the network (for minutes, across reloads) and is sent when it comes back.
 * A raise did not say which item it was for, so it landed on whatever item was current by then:
 * a hand for the dues debate came up in the strike vote's stack, and the person was called for a
 * debate they never asked to speak in. A raise now carries the item the phone showed; once the
 * room has moved on it is refused (409) and nothing is raised. A raise without it (an old page, a
 * script) still goes on the current item.
 */
import { expect, it } from 'vitest';
import { eventually } from '../helpers/clients.js';
import { useRoom } from '../helpers/room.js';
import { Phone } from '../helpers/phone.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { readEntries } from '../../app/model/stack.js';

const room = useRoom('Late hands');

const hands = (name: string) => readEntries(room.plenary.doc).filter((e) => e.name === name);

it('[N1] [G5] a raise sent after the room moved to another item is refused (409) and raises nothing; on its own item it is raised', async () => {
  const dues = addItem(room.plenary.doc, { title: 'Dues', kind: 'discussion', minutes: 20 });
  const strike = addItem(room.plenary.doc, { title: 'Strike vote', kind: 'proposal', minutes: 20 });
  goToItem(room.plenary.doc, dues, Date.now());
  const phone = new Phone(room.server.url);
  expect(await phone.join(room.asm.attendeeToken)).toBe(303);
  // The page the phone was shown names the item its raise is for.
  const html = await eventually(async () => {
    const page = await (await phone.get(`/a/${room.asm.id}`)).text();
    expect(page.includes(`name="itemId" value="${dues}"`), 'the raise form names its item').toBe(true);
    return page;
  });
  expect(html.includes('Dues')).toBe(true);
  // The tap waited in the outbox; meanwhile the facilitator went on to the strike vote.
  goToItem(room.plenary.doc, strike, Date.now());
  await eventually(async () => expect((await (await phone.get(`/a/${room.asm.id}`)).text()).includes(`name="itemId" value="${strike}"`)).toBe(true));
  const late = await phone.post(`/a/${room.asm.id}/command`, { intent: 'raise', name: 'Ifrah', kind: 'speak', itemId: dues, commandId: 'late-hand-0001' });
  expect(late.status).toBe(409);
  expect(await late.json()).toMatchObject({ ok: false, error: 'stack.errors.movedOn' });
  expect(hands('Ifrah')).toHaveLength(0);
  // The same refusal without JavaScript, on the page's own form.
  expect(await phone.send(`/a/${room.asm.id}?index`, { intent: 'raise', name: 'Ifrah', kind: 'speak', itemId: dues })).toBe(409);
  expect(hands('Ifrah')).toHaveLength(0);
  // For the item now current, it is raised there.
  const now = await phone.post(`/a/${room.asm.id}/command`, { intent: 'raise', name: 'Ifrah', kind: 'speak', itemId: strike, commandId: 'late-hand-0002' });
  expect(now.status).toBe(200);
  await eventually(() => expect(hands('Ifrah').map((h) => h.itemId)).toEqual([strike]));
  // A raise that names no item (an old page, a script) goes on the current item, as before.
  const other = new Phone(room.server.url);
  await other.join(room.asm.attendeeToken);
  expect((await other.post(`/a/${room.asm.id}/command`, { intent: 'raise', name: 'Hodan', kind: 'speak' })).status).toBe(200);
  await eventually(() => expect(hands('Hodan').map((h) => h.itemId)).toEqual([strike]));
  // A malformed item is a 400, never a 500.
  expect((await other.post(`/a/${room.asm.id}/command`, { intent: 'raise', name: 'Hodan', kind: 'process', itemId: 'x'.repeat(500) })).status).toBe(400);
});
