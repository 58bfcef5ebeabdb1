/**
 * Interface languages on a real process (`server/main.ts`, the real build) with a LOCALES_DIR of
 * fixture catalogues (Arabic and Somali with a few strings, five more with only their names): negotiation, the switcher's post, direction, and a bad
 * catalogue refused at start (ADR 024).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { tempDataDir } from '../helpers/server.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/locales');
let server: ChildServer;

beforeAll(async () => {
  server = await spawnServer(tempDataDir('plenary-languages-'), { LOCALES_DIR: FIXTURES });
});
afterAll(async () => {
  server.process.kill('SIGTERM');
  await server.exited;
});

const page = (headers: Record<string, string>) => fetch(`${server.url}/`, { headers });
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

  it('an Arabic page reads in Arabic, English for the keys the catalogue lacks, and no key is marked missing', async () => {
    const html = await (await page({ 'accept-language': 'ar' })).text();
    expect(html).toContain('اللغة'); // the switcher's label, from the fixture
    expect(html).toContain('Plenary'); // English for the rest
    expect(html).not.toContain('⟦missing⟧');
  });
});

describe('[L16] the switcher lists every language by its own name', () => {
  it('with nine languages it is a list and a button, each language in its own name, direction and lang', async () => {
    const html = await (await page({ 'accept-language': 'en' })).text();
    const form = /<form[^>]*action="\/language"[\s\S]*?<\/form>/.exec(html)![0];
    expect(form).toContain('<select');
    for (const [code, name, dir] of [['en', 'English', 'ltr'], ['es', 'Español', 'ltr'], ['ar', 'العربية', 'rtl'], ['so', 'Soomaali', 'ltr']])
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
    for (const [accept, expected, text] of [['ar', 'ar', 'لا يقدّم Plenary'], ['en', 'en', 'Plenary does not offer']]) {
      const res = await post('language=zz&back=%2F', { 'accept-language': accept });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-language')).toBe(expected);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain(text);
    }
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
