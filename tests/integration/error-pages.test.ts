/**
 * Error pages speak the person's language and carry the language switcher ([L16], [L43]): 404 (no
 * such assembly), 401 (no link for it), 403 (a link for another page), each rendered by the root's
 * ErrorBoundary, in Somali, Amharic and Arabic (right to left) as in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookup, MISSING_MARK } from '../../app/i18n/translate.js';
import { SHIPPED } from '../helpers/catalogues.js';
import { createAssembly, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';

let server: TestServer;
let asm: CreatedAssembly;
let attendeeCookie: string;

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
  asm = await createAssembly(server.url, 'Error pages assembly');
  const res = await fetch(`${server.url}/join/${asm.attendeeToken}`, { redirect: 'manual' });
  await res.arrayBuffer();
  attendeeCookie = res.headers.getSetCookie()[0].split(';')[0];
});
afterAll(async () => {
  await server?.close();
});

const CASES = [
  [404, () => `/a/no-such-assembly`, () => ({})],
  [401, () => `/a/${asm.id}/facilitate`, () => ({})],
  [403, () => `/a/${asm.id}/facilitate`, () => ({ cookie: attendeeCookie })],
] as const;

describe('[L16][L43] error pages carry the switcher, in the person’s language', () => {
  it.each(CASES.flatMap(([status, path, headers]) => ['en', 'so', 'am', 'ar'].map((language) => [status, language, path, headers] as const)))(
    '%i in %s',
    async (status, language, path, headers) => {
      const res = await fetch(`${server.url}${path()}`, { headers: { 'accept-language': language, ...headers() }, redirect: 'manual' });
      expect(res.status).toBe(status);
      const html = await res.text();
      expect(/<html[^>]*>/.exec(html)![0]).toBe(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`);
      expect(html.includes(lookup(SHIPPED[language], `errors.${status}`)!), 'the error in the page’s language').toBe(true);
      // The switcher: a form posting to /language, coming back to this address, listing all nine.
      const form = /<form[^>]*action="\/language"[\s\S]*?<\/form>/.exec(html)?.[0];
      expect(form, 'the language switcher').toBeDefined();
      expect(form).toContain(`name="back" value="${path()}"`);
      expect(form!.match(/<option /g)).toHaveLength(Object.keys(SHIPPED).length);
      expect(html.includes(MISSING_MARK), 'a missing-key mark').toBe(false);
    },
  );

  it('the switcher on an error page switches: the same address answers in the chosen language', async () => {
    const res = await fetch(`${server.url}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: 'language=so&back=%2Fa%2Fno-such-assembly',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/a/no-such-assembly');
    const again = await fetch(`${server.url}/a/no-such-assembly`, {
      headers: { cookie: res.headers.getSetCookie()[0].split(';')[0], 'accept-language': 'en' },
    });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain(lookup(SHIPPED.so, 'errors.404'));
  });
});
