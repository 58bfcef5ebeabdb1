/**
 * [G5] Ending a round is "end the round of item X": a second press (a double submit, or a second
 * facilitator) finds it ended and does nothing, instead of an error (issue 12, defect 3).
 */
import { expect, it } from 'vitest';
import { connect, eventually } from '../helpers/clients.js';
import { useRoom } from '../helpers/room.js';
import { Phone } from '../helpers/phone.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { planRound, readRound, startRound } from '../../app/model/breakouts.js';
import { readStack } from '../../app/model/stack.js';
import { appendParagraph, REPORT_FIELD } from '../../app/model/notes.js';

const room = useRoom('Rounds');

it('[G5] two presses of "End the round" for one round: the report-backs go on the stack once, and the second press is not an error', async () => {
  const item = addItem(room.plenary.doc, { title: 'Breakouts', kind: 'breakout', minutes: 20 });
  goToItem(room.plenary.doc, item, Date.now());
  planRound(room.plenary.doc, item, { prompts: ['What next?'], minutes: 10, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
  startRound(room.plenary.doc, item, Date.now());
  const table = connect(room.server.syncUrl, `${room.asm.id}/breakout/${item}-t1`, room.asm.facilitatorToken);
  await table.synced;
  appendParagraph(table.doc, REPORT_FIELD, 'A strike fund by Friday');
  await eventually(async () => {
    const check = connect(room.server.syncUrl, `${room.asm.id}/breakout/${item}-t1`, room.asm.facilitatorToken);
    await check.synced;
    try {
      expect(check.doc.getXmlFragment(REPORT_FIELD).length).toBe(1);
    } finally {
      check.destroy();
    }
  });
  await eventually(async () => expect(readRound(room.plenary.doc, item)?.status).toBe('running'));
  const facilitator = () => new Phone(room.server.url, room.asm.facilitatorToken);
  const statuses = await Promise.all(
    [1, 2].map(() => facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'end-round', itemId: item, confirm: 'yes' })),
  );
  expect(statuses).toEqual([200, 200]);
  expect(await facilitator().send(`/a/${room.asm.id}/facilitate`, { intent: 'end-round', itemId: item, confirm: 'yes' })).toBe(200);
  await eventually(() => expect(readRound(room.plenary.doc, item)?.status).toBe('ended'));
  await eventually(() => expect(readStack(room.plenary.doc).queue.filter((e) => e.kind === 'report')).toHaveLength(1));
  table.destroy();
});
