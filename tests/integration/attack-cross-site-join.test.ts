/**
 * [W19] Another website cannot log a facilitator out: a link on any page to the room's public join
 * address (it is on the projector, so anyone has it) used to replace the facilitator's session
 * cookie with an attendee one, and the console answered 403 until they found their secret link
 * again. A cross-site navigation now leaves a live session of another link alone; the person's own
 * navigation (a QR scan, a typed address) still switches, as before.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';

let server: TestServer;
let asm: CreatedAssembly;

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
  asm = await createAssembly(server.url, 'Cross-site joins');
}, 30_000);
afterAll(async () => {
  await server?.close();
});

const CROSS_SITE = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };

it('[W19] a cross-site link to the join address keeps a facilitator on their console', async () => {
  const laptop = new Phone(server.url);
  expect(await laptop.join(asm.facilitatorToken)).toBe(303);
  expect((await laptop.get(`/a/${asm.id}/facilitate`)).status).toBe(200);
  const res = await laptop.joinAnswer(asm.attendeeToken, CROSS_SITE);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`/a/${asm.id}/facilitate`);
  expect(res.headers.getSetCookie()).toEqual([]);
  expect((await laptop.get(`/a/${asm.id}/facilitate`)).status).toBe(200);
});

it('[W19] the same for a stack-keeper; a browser with no session, or the same link, joins as ever', async () => {
  const keeper = await mintLink(server.url, asm, { role: 'stack-keeper', label: 'Keeper' });
  const laptop = new Phone(server.url);
  expect(await laptop.join(keeper.token)).toBe(303);
  const kept = await laptop.joinAnswer(asm.attendeeToken, CROSS_SITE);
  expect(kept.headers.get('location')).toBe(`/a/${asm.id}/stack`);
  expect((await laptop.get(`/a/${asm.id}/stack`)).status).toBe(200);

  const fresh = new Phone(server.url);
  const joined = await fresh.joinAnswer(asm.attendeeToken, CROSS_SITE);
  expect(joined.headers.get('location')).toBe(`/a/${asm.id}`);
  expect(joined.headers.getSetCookie()).toHaveLength(1);
  expect((await fresh.get(`/a/${asm.id}`)).status).toBe(200);
});

it("[W19] the person's own navigation still switches (a QR scan is not cross-site)", async () => {
  const laptop = new Phone(server.url);
  expect(await laptop.join(asm.facilitatorToken)).toBe(303);
  const res = await laptop.joinAnswer(asm.attendeeToken, { 'sec-fetch-site': 'none' });
  expect(res.headers.get('location')).toBe(`/a/${asm.id}`);
  expect((await laptop.get(`/a/${asm.id}/facilitate`)).status).toBe(403);
});
