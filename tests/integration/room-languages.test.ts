/**
 * The languages an assembly is held in ([L40]): the create form offers every language Plenary
 * ships (Tigrinya too) and ASL, and a form that ticks them makes an assembly whose pages name them,
 * through the real build and a real form post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM_LANGUAGES } from '../../app/utils/assembly-schema.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
});
afterAll(async () => {
  await server?.close();
});

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body.toString();
};

/** The create form's post, as our own page sends it. */
const create = (fields: Record<string, string | string[]>) =>
  fetch(`${server.url}/?index`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: form(fields),
  });

/** A page, in a language, with the session cookies the create post set. */
async function page(path: string, language: string, cookies: string[] = []): Promise<string> {
  const res = await fetch(`${server.url}${path}`, { headers: { 'accept-language': language, cookie: cookies.map((c) => c.split(';')[0]).join('; ') } });
  expect(res.status, path).toBe(200);
  return res.text();
}

describe('[L40] an assembly is held in any language Plenary ships, Tigrinya too', () => {
  it('the create form offers every shipped interface language and ASL, each by name', async () => {
    expect([...ROOM_LANGUAGES].sort()).toEqual(['am', 'ar', 'asl', 'en', 'es', 'hmn', 'om', 'so', 'ti', 'vi']);
    /** Each checkbox's value and the name beside it. */
    const choices = (html: string) =>
      [...html.matchAll(/<input type="checkbox" name="languages"[^>]*value="([^"]+)"\/><span[^>]*>([^<]*)<\/span>/g)].map((m) => [m[1], m[2]]);
    const english = choices(await page('/', 'en'));
    expect(english.map(([code]) => code)).toEqual([...ROOM_LANGUAGES]);
    expect(english).toContainEqual(['ti', 'Tigrinya']);
    expect(choices(await page('/', 'es'))).toContainEqual(['ti', 'Tigriña']);
  });

  it('creating an assembly held in Tigrinya, Amharic and English works, and its pages say so', async () => {
    const res = await create({ title: 'Asmara hall meeting', languages: ['ti', 'am', 'en'] });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/a\/[^/]+\/facilitate$/);
    const cookies = res.headers.getSetCookie();
    const consolePage = await page(location, 'en', cookies);
    expect(consolePage).toContain('Tigrinya · Amharic · English');
    expect(await page(location, 'es', cookies)).toContain('Tigriña · Amárico · Inglés');
    // A language whose catalogue lacks the name (here Tigrinya's own, until it is translated)
    // names it in English, never as a key.
    expect(await page(location, 'ti', cookies)).not.toContain('languages.ti');
  });

  it('a code outside the list is still refused, keeping what was typed', async () => {
    const res = await create({ title: 'Asmara hall meeting', languages: ['ti', 'tig'] });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('value="Asmara hall meeting"');
  });
});
