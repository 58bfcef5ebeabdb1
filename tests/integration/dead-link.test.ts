/**
 * The languages around the way in, on a real process (the real build) with a LOCALES_DIR:
 * a mistyped or revoked join link is a page in the person's language with the switcher and the
 * way in by code ([L81]); the server's plain refusals read a language cookie of any tag the
 * catalogues have, `sr-Latn-RS` too ([L82]); and a union's Karen catalogue (partial) makes Karen
 * an interface language, an interpreter's language and a phone's ([L84]).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { connect, eventually } from '../helpers/clients.js';
import { Phone } from '../helpers/phone.js';
import { createAssembly, mintLink, tempDataDir } from '../helpers/server.js';
import { SHIPPED } from '../helpers/catalogues.js';
import { addItem } from '../../app/model/agenda.js';
import { itemTitleKey } from '../../app/model/translations.js';
import { lookup, MISSING_MARK } from '../../app/i18n/translate.js';

/** What a union's folder holds: a Serbian fix of one refusal, and a partial Karen catalogue. */
const SERBIAN_BAD_ADDRESS = 'Adresa je pogrešno upisana (test).';
const KAREN_HEADING = 'Karen fixture heading';
let server: ChildServer;

beforeAll(async () => {
  const locales = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-dead-link-'));
  fs.writeFileSync(
    path.join(locales, 'sr-Latn-RS.json'),
    JSON.stringify({ _meta: { name: 'Srpski', english: 'Serbian', dir: 'ltr', status: 'test fixture' }, refused: { badAddress: SERBIAN_BAD_ADDRESS } }),
  );
  // Words for the test only: a union's Karen reviewer writes the real ones.
  fs.writeFileSync(
    path.join(locales, 'kar.json'),
    JSON.stringify({ _meta: { name: 'Karen (fixture)', english: 'Karen', dir: 'ltr', status: 'test fixture' }, create: { heading: KAREN_HEADING } }),
  );
  server = await spawnServer(tempDataDir('plenary-dead-link-'), { LOCALES_DIR: locales });
}, 60_000);
afterAll(async () => {
  server?.process.kill('SIGTERM');
  await server?.exited;
});

const words = (language: string, key: string) => lookup(SHIPPED[language], key)!;
const html = (s: string) => s.replace(/&#x27;/g, "'").replace(/<!-- -->/g, '');

/** The page a dead link gets, checked in full for `language`. */
async function expectDeadLinkPage(res: Response, language: string, address: string) {
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.headers.get('content-language')).toBe(language);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.getSetCookie(), 'a dead link logs nobody in').toEqual([]);
  const page = html(await res.text());
  expect(/<html[^>]*>/.exec(page)![0]).toBe(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`);
  expect(page).toContain(words(language, 'connection.deniedHeading'));
  expect(page).toContain(words(language, 'errors.deadLink'));
  // The way in that still works: the join code on the projector.
  expect(page).toMatch(new RegExp(`<a href="/j"[^>]*>${words(language, 'titles.joinCode')}</a>`));
  const form = /<form[^>]*action="\/language"[\s\S]*?<\/form>/.exec(page)?.[0];
  expect(form, 'the language switcher').toBeDefined();
  expect(form).toContain(`name="back" value="${address}"`);
  expect(page.includes(MISSING_MARK), 'a missing-key mark').toBe(false);
  expect(page).not.toContain(words('en', 'errors.deadLink'));
}

describe('[L81] a mistyped or revoked join link answers a page in the person’s language', () => {
  const mistyped = `/join/${'Z'.repeat(43)}`;

  it.each(['so', 'ar', 'es'])('a mistyped link, Accept-Language %s', async (language) => {
    await expectDeadLinkPage(await fetch(`${server.url}${mistyped}`, { headers: { 'accept-language': language }, redirect: 'manual' }), language, mistyped);
  });

  it('a revoked link (an old QR code), with the language chosen on this phone before', async () => {
    const asm = await createAssembly(server.url, 'Revoked hall');
    const minted = await mintLink(server.url, asm, { role: 'note-taker', scope: 'g1', label: 'Table 1' });
    const revoked = await fetch(`${server.url}/api/assemblies/${asm.id}/links/${minted.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${asm.facilitatorToken}` },
    });
    expect(revoked.status).toBe(204);
    const address = `/join/${minted.token}`;
    const res = await fetch(`${server.url}${address}`, { headers: { cookie: 'plenary_lang=ar', 'accept-language': 'en' }, redirect: 'manual' });
    await expectDeadLinkPage(res, 'ar', address);
  });

  it('its switcher switches: back to the same address, now in Somali; a live link still opens its page', async () => {
    const res = await fetch(`${server.url}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams({ language: 'so', back: mistyped }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(mistyped);
    const cookie = res.headers.getSetCookie()[0].split(';')[0];
    await expectDeadLinkPage(await fetch(`${server.url}${mistyped}`, { headers: { cookie }, redirect: 'manual' }), 'so', mistyped);
    const asm = await createAssembly(server.url, 'Live hall');
    const live = await fetch(`${server.url}/join/${asm.attendeeToken}`, { headers: { cookie }, redirect: 'manual' });
    expect(live.status).toBe(303);
    expect(live.headers.get('location')).toBe(`/a/${asm.id}`);
  });
});

describe('[L82] the server’s refusals read the language cookie as pages do', () => {
  it('a LOCALES_DIR tag longer than eight letters (sr-Latn-RS) chosen on the phone: the refusal is in it', async () => {
    const res = await fetch(`${server.url}/join/%E0%A4%A`, { headers: { cookie: 'plenary_lang=sr-Latn-RS', 'accept-language': 'so' }, redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-language')).toBe('sr-Latn-RS');
    expect(await res.text()).toBe(`${SERBIAN_BAD_ADDRESS}\n`);
  });

  it('a cookie naming no catalogue falls back to Accept-Language', async () => {
    const res = await fetch(`${server.url}/join/%E0%A4%A`, { headers: { cookie: 'plenary_lang=xx-Nope', 'accept-language': 'so' }, redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-language')).toBe('so');
    expect(await res.text()).toBe(`${words('so', 'refused.badAddress')}\n`);
  });
});

describe('[L84] a union adds Karen through LOCALES_DIR', () => {
  it('a partial kar catalogue: pages in Karen (English per missing key), a kar interpreter link, and kar phones read its translations', async () => {
    const home = html(await (await fetch(`${server.url}/`, { headers: { 'accept-language': 'kar' } })).text());
    expect(/<html[^>]*>/.exec(home)![0]).toBe('<html lang="kar" dir="ltr">');
    expect(home).toContain(KAREN_HEADING);
    expect(home).toContain(words('en', 'create.submit'));
    expect(home).toContain('Karen (fixture)');
    expect(home.includes(MISSING_MARK)).toBe(false);

    const asm = await createAssembly(server.url, 'Karen hall');
    const plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
    try {
      await plenary.synced;
      const id = addItem(plenary.doc, { title: 'Wages', kind: 'discussion', minutes: 5 });
      const interpreter = new Phone(server.url);
      expect(await interpreter.join((await mintLink(server.url, asm, { role: 'interpreter', scope: 'kar', label: 'Karen' })).token)).toBe(303);
      const desk = await interpreter.get(`/a/${asm.id}/interpret`);
      expect(desk.status).toBe(200);
      await desk.arrayBuffer();
      await eventually(async () => {
        const saved = await interpreter.post(`/a/${asm.id}/interpret.data?index`, { key: itemTitleKey(id), from: 'Wages', text: 'Wages in Karen', base: '' });
        expect(saved.status).toBe(200);
      });
      const phone = new Phone(server.url);
      expect(await phone.join(asm.attendeeToken)).toBe(303);
      expect(await phone.send('/language', { language: 'kar', back: '/' })).toBe(302);
      await eventually(async () => {
        const page = await phone.get(`/a/${asm.id}`);
        expect(page.status).toBe(200);
        expect(await page.text()).toMatch(/<(span|p) lang="kar" dir="ltr"[^>]*data-translation="current"[^>]*>Wages in Karen</);
      });
    } finally {
      plenary.destroy();
    }
  }, 60_000);
});
