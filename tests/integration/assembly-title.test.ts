/**
 * One title (issue 15): the plenary document's `meta.title` is the assembly's title everywhere.
 * An assembly made through the API has it in its document from the start (its details editor is
 * not empty); a title changed on the console is the one every page, the page title and the
 * deletion confirmation use.
 */
import { expect, it } from 'vitest';
import { eventually } from '../helpers/clients.js';
import { Phone } from '../helpers/phone.js';
import { useRoom } from '../helpers/room.js';
import { readMeta, setMeta } from '../../app/model/meta.js';

const room = useRoom('Made by a script');

it('[A2] an assembly made through the API has its title (and a language) in its document', () => {
  expect(readMeta(room.plenary.doc)).toMatchObject({ title: 'Made by a script', languages: ['en'] });
});

it('a title changed on the console is the title of every page and of the deletion check', async () => {
  const facilitator = new Phone(room.server.url);
  await facilitator.join(room.asm.facilitatorToken);
  setMeta(room.plenary.doc, { title: 'Local 12 strike assembly' });
  await eventually(async () => {
    const page = await (await facilitator.get(`/a/${room.asm.id}/facilitate`)).text();
    expect(page).toContain('<title>Facilitation console — Local 12 strike assembly — Plenary</title>');
  });
  const attendee = new Phone(room.server.url);
  await attendee.join(room.asm.attendeeToken);
  expect(await (await attendee.get(`/a/${room.asm.id}`)).text()).toContain('Local 12 strike assembly — Plenary</title>');
  // Deleting asks for the title as it is now: the old one is refused, the new one deletes.
  const old = await facilitator.post(`/a/${room.asm.id}/facilitate`, { intent: 'delete', confirm: 'Made by a script' });
  expect(old.status).toBe(400);
  const now = await facilitator.post(`/a/${room.asm.id}/facilitate`, { intent: 'delete', confirm: 'Local 12 strike assembly' });
  expect(now.status).toBe(303);
});
