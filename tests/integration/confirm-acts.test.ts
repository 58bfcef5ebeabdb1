/**
 * [G6][H10] Destructive mid-assembly presses ask first, on the server, so a browser without
 * JavaScript (or a stray script) gets the question, not the act: ending a round that still has
 * time, revoking a live link. The confirmed press (`confirm=yes`) acts; a round whose time is up
 * ends at once.
 */
import { expect, it } from 'vitest';
import { connect, eventually } from '../helpers/clients.js';
import { useRoom } from '../helpers/room.js';
import { mintLink } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { planRound, readRound, startRound } from '../../app/model/breakouts.js';

const room = useRoom('Confirmations');

const facilitator = () => new Phone(room.server.url, room.asm.facilitatorToken);

/** A breakout item, current, with a running round that started `agoMs` ago and lasts 10 minutes. */
async function runningRound(agoMs: number): Promise<string> {
  const item = addItem(room.plenary.doc, { title: 'Breakouts', kind: 'breakout', minutes: 20 });
  goToItem(room.plenary.doc, item, Date.now());
  planRound(room.plenary.doc, item, { prompts: ['What next?'], minutes: 10, assignment: 'count-off', tables: [{ label: '' }, { label: '' }, { label: '' }] });
  startRound(room.plenary.doc, item, Date.now() - agoMs);
  await eventually(async () => {
    const check = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.facilitatorToken);
    await check.synced;
    try {
      expect(readRound(check.doc, item)?.status).toBe('running');
    } finally {
      check.destroy();
    }
  });
  return item;
}

it('[G6] ending a round early without confirm=yes answers the question as a page and leaves the round running', async () => {
  const item = await runningRound(4 * 60_000);
  const res = await facilitator().post(`/a/${room.asm.id}/facilitate`, { intent: 'end-round', itemId: item });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toMatch(/End the round now\? 3 tables still have [56]:\d\d to go\./);
  expect(html).toContain('name="confirm" value="yes"');
  expect(readRound(room.plenary.doc, item)?.status).toBe('running');
  expect(await facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'end-round', itemId: item, confirm: 'yes' })).toBe(200);
  await eventually(() => expect(readRound(room.plenary.doc, item)?.status).toBe('ended'));
});

it('[G6] a round whose time is up ends on the first press', async () => {
  const item = await runningRound(11 * 60_000);
  expect(await facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'end-round', itemId: item })).toBe(200);
  await eventually(() => expect(readRound(room.plenary.doc, item)?.status).toBe('ended'));
});

it('[H10] revoking a link without confirm=yes asks and leaves it working; confirmed, it is revoked', async () => {
  const keeper = await mintLink(room.server.url, room.asm, { role: 'stack-keeper', label: 'Amina, stack' });
  const res = await facilitator().post(`/a/${room.asm.id}/facilitate`, { intent: 'revoke', linkId: keeper.id });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('Revoke the Stack-keeper link “Amina, stack”? Whoever holds it is cut off at once.');
  expect(await new Phone(room.server.url).join(keeper.token)).toBe(303);
  expect(await facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'revoke', linkId: keeper.id, confirm: 'yes' })).toBe(200);
  expect(await new Phone(room.server.url).join(keeper.token)).toBe(404);
  // Asking about a link that is already revoked (or none) asks nothing: the act answers as before.
  expect(await facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'revoke', linkId: keeper.id })).toBe(200);
  expect(await facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'revoke', linkId: 'no-such-link' })).toBe(404);
});
