/**
 * A page carries only the words its kind can show (ADR 031, [PF20]): a phone joining the hall is
 * not sent the console's, the minutes editor's or the interpreter's strings (on a first visit
 * they were ~30 KB of its page); the projector's second language comes cut to the projector's.
 */
import { expect, it } from 'vitest';
import { CATALOGUES } from '../../app/i18n/catalogues.server';
import { lookup } from '../../app/i18n/translate';
import { Phone } from '../helpers/phone.js';
import { useRoom } from '../helpers/room.js';

const room = useRoom('Words per page');
const en = (key: string) => lookup(CATALOGUES.en, key)!;
const so = (key: string) => lookup(CATALOGUES.so, key)!;

it('[PF20] the attendee page holds its own words and none of the console’s', async () => {
  const phone = new Phone(room.server.url);
  expect(await phone.join(room.asm.attendeeToken)).toBe(303);
  const html = await (await phone.get(`/a/${room.asm.id}`)).text();
  expect(html).toContain(en('stack.raiseButton'));
  expect(html).toContain(en('proposals.errors.already')); // an answer the phone's commands can bring
  for (const key of ['console.linksIntro', 'console.joinLinkHint', 'minutesTranslations.yourLanguage', 'interpret.intro']) {
    expect(en(key), key).toBeTruthy();
    expect(html, key).not.toContain(en(key));
  }
});

it('[PF20] the console still has all of its own', async () => {
  const facilitator = new Phone(room.server.url);
  expect(await facilitator.join(room.asm.facilitatorToken)).toBe(303);
  const html = await (await facilitator.get(`/a/${room.asm.id}/facilitate`)).text();
  for (const key of ['console.linksIntro', 'console.joinLinkHint']) expect(html, key).toContain(en(key));
});

it('[PF20] a Somali phone gets the Somali words of its page, and not the console’s', async () => {
  const phone = new Phone(room.server.url);
  expect(await phone.join(room.asm.attendeeToken)).toBe(303);
  expect((await phone.post('/language', { language: 'so', back: `/a/${room.asm.id}` })).status).toBe(302);
  const res = await phone.get(`/a/${room.asm.id}`);
  const html = await res.text();
  expect(html).toContain(so('stack.raiseButton'));
  expect(html).not.toContain(so('console.linksIntro'));
});
