/**
 * Attacks on the minutes translations ([P40]–[P44]), with crafted requests against a real
 * server: only an interpreter writes, only into their own language (the link's, never the
 * form's), only for a version that was published; malformed bodies are 400 and huge ones are
 * bounded (400 past 500,000 characters; 413 past the body limit, which is 64 KiB for anyone but
 * that assembly's interpreters). Nothing refused leaves a trace in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../../server/http/body-limit.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { sessionCookie, postRawForm } from '../helpers/forms.js';

let server: TestServer;
let asm: CreatedAssembly;
let other: CreatedAssembly;
/** Cookies of one browser per link. */
const cookies: Record<string, string> = {};
let otherEsToken = '';

const jar = (token: string) => sessionCookie(server.url, token);

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
  asm = await createAssembly(server.url, 'Translation attacks');
  other = await createAssembly(server.url, 'Another hall');
  await server.store.publishMinutes(asm.id, '# Minutes\n\nThe original.', Date.now());
  await server.store.publishMinutes(other.id, '# Other minutes', Date.now());
  const mint = async (a: CreatedAssembly, body: { role: string; scope?: string }) => jar((await mintLink(server.url, a, body)).token);
  cookies.facilitator = await jar(asm.facilitatorToken);
  cookies.attendee = await jar(asm.attendeeToken);
  cookies['stack-keeper'] = await mint(asm, { role: 'stack-keeper' });
  cookies['note-taker'] = await mint(asm, { role: 'note-taker', scope: 'plenary' });
  cookies.reader = await mint(asm, { role: 'reader' });
  cookies.es = await mint(asm, { role: 'interpreter', scope: 'es' });
  otherEsToken = (await mintLink(server.url, other, { role: 'interpreter', scope: 'es' })).token;
  cookies.otherEs = await jar(otherEsToken);
}, 30_000);
afterAll(async () => {
  await server?.close();
});

const page = () => `/a/${asm.id}/interpret/minutes`;

function post(path: string, cookie: string, body: string | URLSearchParams, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(cookie ? { cookie } : {}), ...headers },
    body,
  });
}

const fields = (over: Record<string, string> = {}) => new URLSearchParams({ version: '1', revision: '0', markdown: '# Actas', ...over });
const stored = (language: string, version = 1, id = asm.id) => server.store.getMinutesTranslation(id, version, language);

const postRaw = (path: string, body: string, cookie: string, chunked = false) => postRawForm(server.url, path, body, { cookie }, chunked);

describe('[P40] only an interpreter writes a translation', () => {
  it('[P40] every other role of the assembly gets 403 on the page and on a save; no link 401; nothing is stored', async () => {
    for (const role of ['facilitator', 'attendee', 'stack-keeper', 'note-taker', 'reader']) {
      expect((await fetch(`${server.url}${page()}`, { headers: { cookie: cookies[role] } })).status, role).toBe(403);
      expect((await post(page(), cookies[role], fields({ markdown: `# By ${role}` }))).status, role).toBe(403);
    }
    // A Bearer token is no way round it.
    const bearer = await post(page(), '', fields(), { authorization: `Bearer ${asm.facilitatorToken}` });
    expect(bearer.status).toBe(403);
    expect((await post(page(), '', fields())).status).toBe(401);
    expect((await fetch(`${server.url}${page()}`)).status).toBe(401);
    expect(await server.store.listMinutesTranslations(asm.id, 1)).toEqual([]);
  });

  it('[P40] an interpreter of another assembly writes nothing here (it holds no link of this one: 401, by cookie or token)', async () => {
    expect((await post(page(), cookies.otherEs, fields())).status).toBe(401);
    expect((await post(page(), '', fields(), { authorization: `Bearer ${otherEsToken}` })).status).toBe(401);
    // Its own page, with this assembly's version number, writes only its own assembly.
    expect((await post(`/a/${other.id}/interpret/minutes`, cookies.otherEs, fields({ markdown: '# Otro' }))).status).toBe(303);
    expect((await stored('es')).markdown).toBeNull();
    expect((await stored('es', 1, other.id)).markdown).toBe('# Otro');
  });

  it('[P40] a revoked interpreter link writes nothing (401)', async () => {
    const link = await mintLink(server.url, asm, { role: 'interpreter', scope: 'vi' });
    const cookie = await jar(link.token);
    const revoke = await fetch(`${server.url}/api/assemblies/${asm.id}/links/${link.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${asm.facilitatorToken}` },
    });
    expect(revoke.status).toBeLessThan(300);
    expect((await post(page(), cookie, fields({ markdown: '# Biên bản' }))).status).toBe(401);
    expect((await stored('vi')).markdown).toBeNull();
  });
});

describe('[P41] an interpreter writes only into their own language', () => {
  it('[P41] a form naming another language is 403 and writes nothing, in either language', async () => {
    for (const extra of [{ language: 'so' }, { lang: 'so' }, { language: 'es-419' }] as Record<string, string>[]) {
      expect((await post(page(), cookies.es, fields({ ...extra, markdown: '# Intruso' }))).status).toBe(403);
    }
    // Two language fields, one of them the link's own: still another language named.
    const both = fields({ markdown: '# Intruso' });
    both.append('language', 'es');
    both.append('language', 'so');
    expect((await post(page(), cookies.es, both)).status).toBe(403);
    expect((await stored('so')).markdown).toBeNull();
    expect((await stored('es')).markdown).toBeNull();
    expect((await stored('es-419')).markdown).toBeNull();
  });

  it('[P41] the link’s language is where the save goes; the page and ?lang= cannot move it', async () => {
    expect((await post(`${page()}?lang=so`, cookies.es, fields({ markdown: '# Actas de verdad' }))).status).toBe(303);
    expect((await stored('es')).markdown).toBe('# Actas de verdad');
    expect((await stored('so')).markdown).toBeNull();
  });
});

describe('[P42] only a version that was published', () => {
  it('[P42] a version never published is 404 (page and save) and stores nothing', async () => {
    expect((await fetch(`${server.url}${page()}?v=2`, { headers: { cookie: cookies.es } })).status).toBe(404);
    expect((await post(page(), cookies.es, fields({ version: '2', markdown: '# Futuro' }))).status).toBe(404);
    expect((await post(page(), cookies.es, fields({ version: '0', markdown: '# Cero' }))).status).toBe(404);
    expect((await stored('es', 2)).markdown).toBeNull();
    expect((await stored('es', 0)).revision).toBe(0);
  });
});

describe('[P43] a bad body is a 400, never a 500', () => {
  it('[P43] missing, repeated or malformed fields are 400 and change nothing', async () => {
    const before = await stored('es');
    const bodies: [string, string | URLSearchParams][] = [
      ['no version', 'revision=1&markdown=x'],
      ['no revision', 'version=1&markdown=x'],
      ['no text', 'version=1&revision=1'],
      ['version twice', 'version=1&version=1&revision=1&markdown=x'],
      ['revision twice', 'version=1&revision=1&revision=1&markdown=x'],
      ['text twice', 'version=1&revision=1&markdown=x&markdown=y'],
      ['version not a number', 'version=one&revision=1&markdown=x'],
      ['version negative', 'version=-1&revision=1&markdown=x'],
      ['version huge', 'version=99999999999999999999&revision=1&markdown=x'],
      ['revision not a number', 'version=1&revision=1e3&markdown=x'],
      ['revision too long', `version=1&revision=${'9'.repeat(20)}&markdown=x`],
    ];
    for (const [what, body] of bodies) {
      const res = await post(page(), cookies.es, body);
      expect(res.status, what).toBe(400);
    }
    const json = await post(page(), cookies.es, JSON.stringify({ version: 1, revision: 1, markdown: 'x' }), { 'content-type': 'application/json' });
    expect(json.status).toBe(400);
    const multipart = await post(page(), cookies.es, 'garbage', { 'content-type': 'multipart/form-data' });
    expect(multipart.status).toBe(400);
    expect(await stored('es')).toEqual(before);
  });

  it('[P43] a bad ?v= on the page is 400', async () => {
    for (const v of ['x', '-1', '1.5', '1&v=2', '9999999']) {
      expect((await fetch(`${server.url}${page()}?v=${v}`, { headers: { cookie: cookies.es } })).status, v).toBe(400);
    }
  });
});

describe('[P44] huge text is bounded', () => {
  it('[P44] a translation over 500,000 characters is 400 and stores nothing; one at the bound is taken', async () => {
    const { revision } = await stored('es');
    const over = await post(page(), cookies.es, fields({ revision: String(revision), markdown: 'a'.repeat(500_001) }));
    expect(over.status).toBe(400);
    expect(await over.text()).toContain('The translation is too long.');
    expect((await stored('es')).revision).toBe(revision);
    const at = await post(page(), cookies.es, fields({ revision: String(revision), markdown: 'b'.repeat(500_000) }));
    expect(at.status).toBe(303);
    expect((await stored('es')).markdown).toHaveLength(500_000);
    // Line breaks as browsers post them (CRLF) count once, as the page's maxlength counts them.
    const lines = `${'c'.repeat(99)}\r\n`.repeat(5_000);
    const crlf = await post(page(), cookies.es, fields({ revision: String(revision + 1), markdown: lines }));
    expect(crlf.status).toBe(303);
    expect((await stored('es')).markdown).toBe(`${'c'.repeat(99)}\n`.repeat(5_000));
  });

  it('[P44] a body over 64 KiB from anyone but this assembly’s interpreters is 413 before it is read, declared or streamed; over 5 MiB even from them', async () => {
    // 400,000 characters: within a translation's bound, far over a form's 64 KiB.
    const big = `version=1&revision=0&markdown=${'a'.repeat(400_000)}`;
    for (const cookie of ['', cookies.attendee, cookies.facilitator, cookies.otherEs]) {
      expect(await postRaw(page(), big, cookie)).toBe(413);
      expect(await postRaw(page(), big, cookie, true)).toBe(413);
    }
    // The same body from this assembly's interpreter reaches the form (a stale revision here: 409).
    expect(await postRaw(page(), big, cookies.es)).toBe(409);
    const huge = `version=1&revision=0&markdown=${'a'.repeat(BODY_LIMITS.minutes)}`;
    expect(await postRaw(page(), huge, cookies.es)).toBe(413);
    expect(await postRaw(page(), huge, cookies.es, true)).toBe(413);
  });
});
