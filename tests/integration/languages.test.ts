/**
 * Interface languages on a real process (`server/main.ts`, the real build) with the shipped
 * catalogues: negotiation, the switcher's post, direction; then a LOCALES_DIR that adds a language
 * and fixes a shipped one, and a bad catalogue refused at start (ADR 024).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { tempDataDir } from '../helpers/server.js';
import { lookup, MISSING_MARK } from '../../app/i18n/translate.js';
import { SHIPPED } from '../helpers/catalogues.js';

let server: ChildServer;

beforeAll(async () => {
  server = await spawnServer(tempDataDir('plenary-languages-'));
});
afterAll(async () => {
  server.process.kill('SIGTERM');
  await server.exited;
});

const page = (headers: Record<string, string>, base = server.url) => fetch(`${base}/`, { headers });
const htmlTag = async (res: Response) => /<html[^>]*>/.exec(await res.text())![0];
const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/language`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...headers },
    body,
  });

describe('[L9] Accept-Language picks a language a catalogue offers', () => {
  it.each([
    ['so', 'so', 'ltr'],
    ['so-SO', 'so', 'ltr'],
    ['ar', 'ar', 'rtl'],
    ['ar-EG,ar;q=0.9,en;q=0.1', 'ar', 'rtl'],
    ['en;q=0.2, so-SO;q=0.9, ar;q=0.5', 'so', 'ltr'],
    ['fr, ar;q=0.4', 'ar', 'rtl'],
    ['am', 'am', 'ltr'],
    ['ar;q=0, es;q=0.1', 'es', 'ltr'],
    ['om', 'om', 'ltr'],
    ['kar, fr-CA;q=0.9', 'en', 'ltr'],
  ])('%s gets %s (%s)', async (accept, language, dir) => {
    const res = await page({ 'accept-language': accept });
    expect(res.status).toBe(200);
    expect(await htmlTag(res)).toBe(`<html lang="${language}" dir="${dir}">`);
  });

  it.each(['so', 'ar', 'am'])('a %s page reads in its own shipped words, and no key is marked missing', async (language) => {
    const html = await (await page({ 'accept-language': language })).text();
    for (const key of ['language.change', 'create.heading', 'create.submit']) expect(html.includes(lookup(SHIPPED[language], key)!), key).toBe(true);
    expect(html.includes(lookup(SHIPPED.en, 'create.submit')!), 'English words').toBe(false);
    expect(html.includes(MISSING_MARK), 'a missing-key mark').toBe(false);
  });
});

describe('[L3] a page carries one language: its own catalogue, never another’s', () => {
  it.each(Object.keys(SHIPPED))('a %s page holds none of the other eight languages’ words', async (language) => {
    const html = await (await page({ 'accept-language': language })).text();
    expect(html).toContain(lookup(SHIPPED[language], 'app.tagline'));
    // English is the per-key fallback ([L5]), so only the other languages are counted out.
    for (const other of Object.keys(SHIPPED).filter((c) => c !== language && c !== 'en'))
      for (const key of ['app.tagline', 'create.languagesHint', 'console.linksIntro'])
        expect(html.includes(lookup(SHIPPED[other], key)!), `${other} ${key}`).toBe(false);
  });
});

describe('[L16] the switcher lists every language by its own name', () => {
  it('with nine languages it is a list and a button, each language in its own name, direction and lang', async () => {
    const html = await (await page({ 'accept-language': 'en' })).text();
    const form = /<form[^>]*action="\/language"[\s\S]*?<\/form>/.exec(html)![0];
    expect(form).toContain('<select');
    for (const [code, name, dir] of [
      ['en', 'English', 'ltr'],
      ['es', 'Español', 'ltr'],
      ['ar', 'العربية', 'rtl'],
      ['so', 'Soomaali', 'ltr'],
    ])
      expect(form).toMatch(new RegExp(`<option value="${code}" lang="${code}" dir="${dir}"[^>]*>${name}</option>`));
    expect(form).toMatch(/<button type="submit"/);
  });
});

describe('[L17] POST /language takes every language a catalogue offers', () => {
  it.each(['so', 'ar', 'es', 'en'])('%s is remembered and the page follows it', async (language) => {
    const res = await post(`language=${language}&back=%2F`);
    expect(res.status).toBe(302);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toContain(`plenary_lang=${language}`);
    const next = await page({ cookie: cookie.split(';')[0], 'accept-language': 'es' });
    expect(await htmlTag(next)).toContain(`lang="${language}"`);
  });

  it('an unknown language is 400 in the person’s language, setting nothing', async () => {
    for (const [accept, expected, text] of [
      ['ar', 'ar', lookup(SHIPPED.ar, 'language.unknown')!],
      ['en', 'en', 'Plenary does not offer'],
    ]) {
      const res = await post('language=zz&back=%2F', { 'accept-language': accept });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-language')).toBe(expected);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain(text);
    }
  });
});

describe('[L10] a LOCALES_DIR adds a language and fixes a shipped one, without touching code', () => {
  let local: ChildServer;
  beforeAll(async () => {
    // Persian, which Plenary does not ship (a few strings: the rest falls back to English), and a
    // union's own word for the switcher's button in Somali.
    const locales = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-locales-'));
    const fa = {
      _meta: { name: 'فارسی', english: 'Persian', dir: 'rtl', status: 'needs review by a native speaker' },
      language: { label: 'زبان', change: 'تغییر زبان' },
    };
    fs.writeFileSync(path.join(locales, 'fa.json'), JSON.stringify(fa));
    fs.writeFileSync(path.join(locales, 'so.json'), JSON.stringify({ language: { change: 'Luqadda beddel' } }));
    local = await spawnServer(tempDataDir('plenary-languages-dir-'), { LOCALES_DIR: locales });
  });
  afterAll(async () => {
    local?.process.kill('SIGTERM');
    await local?.exited;
  });

  it('the added language is negotiated, right to left from its _meta, listed by the switcher and accepted by POST /language', async () => {
    expect(SHIPPED.fa).toBeUndefined(); // it really is added, not shipped
    const res = await page({ 'accept-language': 'fa' }, local.url);
    const html = await res.text();
    expect(/<html[^>]*>/.exec(html)![0]).toBe('<html lang="fa" dir="rtl">');
    expect(html).toContain('تغییر زبان');
    expect(html).toContain(lookup(SHIPPED.en, 'create.submit')); // English for the keys it lacks
    expect(html.includes(MISSING_MARK), 'a missing-key mark').toBe(false);
    expect(html).toMatch(/<option value="fa" lang="fa" dir="rtl"[^>]*>فارسی<\/option>/);
    const chosen = await fetch(`${local.url}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: local.url },
      body: 'language=fa&back=%2F',
    });
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get('set-cookie')).toContain('plenary_lang=fa');
    // The shipped server, without the folder, does not know it.
    expect(await htmlTag(await page({ 'accept-language': 'fa' }))).toBe('<html lang="en" dir="ltr">');
  });

  it('a file for a shipped language wins key by key: its words replace those keys, the rest stays Somali', async () => {
    const html = await (await page({ 'accept-language': 'so' }, local.url)).text();
    expect(html).toContain('Luqadda beddel');
    expect(html.includes(lookup(SHIPPED.so, 'language.change')!), 'the replaced words').toBe(false);
    for (const key of ['create.submit', 'create.heading', 'language.label']) expect(html.includes(lookup(SHIPPED.so, key)!), key).toBe(true);
  });
});

describe('[L11] a catalogue that cannot be used stops the start', () => {
  it.each([
    ['no _meta', JSON.stringify({ language: { label: 'زبان' } }), /fa\.json has no "_meta" object/],
    ['not JSON', '{"_meta": ', /fa\.json is not valid JSON/],
    ['a wrong direction', JSON.stringify({ _meta: { name: 'فارسی', english: 'Persian', dir: 'rtl-ish', status: 'x' } }), /"_meta\.dir" must be "ltr" or "rtl"/],
  ])('%s: one line naming the file, exit 1, no database made', async (_, content, message) => {
    // Persian: a language Plenary does not ship, so this file adds one (and must say what it is).
    const locales = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-bad-locales-'));
    fs.writeFileSync(path.join(locales, 'fa.json'), content);
    const dataDir = tempDataDir('plenary-languages-bad-');
    const outcome = await spawnServer(dataDir, { LOCALES_DIR: locales }).then(
      (s) => {
        s.process.kill('SIGKILL');
        return 'started';
      },
      (err: Error) => err.message,
    );
    expect(outcome).toMatch(/^server exited with 1 before listening/);
    expect(outcome).toContain(path.join(locales, 'fa.json'));
    expect(outcome).toMatch(message);
    expect(outcome).toMatch(/Plenary cannot start: /);
    expect(outcome).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dataDir, 'plenary.sqlite'))).toBe(false);
  });
});
