/**
 * The server's words in the person's language and times in the assembly's zone, over real HTTP
 * on a real process whose zone is UTC ([L30]–[L35]): refusals from forms and status answers read
 * in Spanish; an assembly in America/Chicago shows its start time and its minutes in Chicago time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { clientPool, eventually } from '../helpers/clients.js';
import { sessionCookie } from '../helpers/forms.js';
import { createAssembly, mintLink, tempDataDir } from '../helpers/server.js';
import { formatInstant } from '../../app/i18n/format.js';
import { readMeta } from '../../app/model/meta.js';
import { CloseCode } from '../../server/sync/protocol.js';

let server: ChildServer;

beforeAll(async () => {
  // The server's own zone is UTC, so nothing Chicago shows can come from the machine.
  server = await spawnServer(tempDataDir('plenary-words-'), { TZ: 'UTC' });
});
const pool = clientPool();
afterAll(async () => {
  pool.destroyAll();
  server.process.kill('SIGTERM');
  await server.exited;
});

const SPANISH = { 'accept-language': 'es' };

/** A same-origin form post, as the page's own form sends it (repeated fields for lists). */
function post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...headers },
    body,
  });
}

/** Creates an assembly through the create form; its id and the facilitator's cookies. */
async function createByForm(fields: Record<string, string | string[]>): Promise<{ id: string; cookie: string }> {
  const res = await post('/?index', { title: 'Chicago local', place: '', languages: ['en'], ...fields });
  expect(res.status).toBe(302);
  const id = /\/a\/([^/]+)\/facilitate/.exec(res.headers.get('location')!)![1];
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { id, cookie };
}

const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, '');

describe('[L30] a refused form reads in the person’s language, never in zod’s English', () => {
  it('[L30] creating with a language no list has: 400, Spanish, the rest kept', async () => {
    const res = await post('/?index', { title: 'Asamblea', startsAt: '', place: '', languages: ['xx'] }, SPANISH);
    expect(res.status).toBe(400);
    const html = await text(res);
    expect(html).toContain('Elige idiomas de la lista.');
    expect(html).not.toContain('⟦missing⟧');
    expect(html).not.toMatch(/Invalid enum|received 'xx'/);
    expect(html).toContain('value="Asamblea"');
  });

  it('[L30] a link label over 100 characters: Spanish on the console', async () => {
    const { id, cookie } = await createByForm({ startsAt: '' });
    const res = await post(`/a/${id}/facilitate`, { intent: 'mint', role: 'reader', label: 'x'.repeat(101) }, { cookie, ...SPANISH });
    expect(res.status).toBe(400);
    const html = await text(res);
    expect(html).toContain('Una etiqueta puede tener como máximo 100 caracteres.');
    expect(html).not.toContain('⟦missing⟧');
    expect(html).not.toContain('String must contain');
  });
});

describe('[L31] status answers read in the person’s language', () => {
  it('[L31] the Markdown download without a link, for no assembly, and for a bad version: Spanish plain text', async () => {
    const asm = await createAssembly(server.url);
    const noLink = await fetch(`${server.url}/a/${asm.id}/minutes.md`, { headers: SPANISH });
    expect(noLink.status).toBe(401);
    expect(noLink.headers.get('content-language')).toBe('es');
    expect(await noLink.text()).toContain('Esta página necesita un enlace');
    const none = await fetch(`${server.url}/a/nothing-here/minutes.md`, { headers: SPANISH });
    expect(none.status).toBe(404);
    expect(await none.text()).not.toContain('No such assembly');
    const join = await fetch(`${server.url}/join/${asm.attendeeToken}`, { redirect: 'manual' });
    const cookie = join.headers.getSetCookie()[0].split(';')[0];
    const bad = await fetch(`${server.url}/a/${asm.id}/minutes.md?v=abc`, { headers: { cookie, ...SPANISH } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Esta dirección no está bien');
  });

  it('[L31] a page asked with a bad version says so in Spanish', async () => {
    const asm = await createAssembly(server.url);
    const join = await fetch(`${server.url}/join/${asm.attendeeToken}`, { redirect: 'manual' });
    const cookie = join.headers.getSetCookie()[0].split(';')[0];
    const res = await fetch(`${server.url}/a/${asm.id}/minutes?v=abc`, { headers: { cookie, ...SPANISH } });
    expect(res.status).toBe(400);
    expect(await text(res)).toContain('Esta dirección no está bien');
  });
});

describe('[L33] the time zone is chosen with the assembly', () => {
  it('[L33] the create form offers every zone, the server’s (UTC) chosen', async () => {
    const html = await text(await fetch(`${server.url}/`));
    const select = /<select[^>]*name="timeZone"[\s\S]*?<\/select>/.exec(html)![0];
    expect(select).toContain('<option value="America/Chicago">America/Chicago</option>');
    expect(select).toMatch(/<option value="UTC" selected="">UTC<\/option>/);
  });

  it('[L33] a zone no list has is refused in Spanish and nothing is made', async () => {
    const res = await post('/?index', { title: 'Asamblea', startsAt: '', place: '', languages: ['es'], timeZone: 'Mars/Olympus' }, SPANISH);
    expect(res.status).toBe(400);
    expect(await text(res)).toContain('Elige una zona horaria de la lista.');
  });
});

describe('[L33] hostile writes of the zone over a real socket', () => {
  it('[L33] a facilitator writing a zone no list has is cut off (4400); a stack-keeper writing a real one (4403); a listed one arrives', async () => {
    const asm = await createAssembly(server.url);
    const doc = `${asm.id}/plenary`;
    const bad = pool.open(server.syncUrl, doc, asm.facilitatorToken);
    await bad.synced;
    bad.doc.getMap('meta').set('timeZone', 'Mars/Olympus');
    expect((await bad.closed).code).toBe(CloseCode.badRequest);
    const keeper = pool.open(server.syncUrl, doc, (await mintLink(server.url, asm, { role: 'stack-keeper' })).token);
    await keeper.synced;
    keeper.doc.getMap('meta').set('timeZone', 'Europe/Madrid');
    expect((await keeper.closed).code).toBe(CloseCode.forbidden);
    const good = pool.open(server.syncUrl, doc, asm.facilitatorToken);
    await good.synced;
    good.doc.getMap('meta').set('timeZone', 'America/Chicago');
    const fresh = pool.open(server.syncUrl, doc, asm.facilitatorToken);
    await fresh.synced;
    await eventually(() => expect(readMeta(fresh.doc).timeZone).toBe('America/Chicago'));
  });
});

describe('[L34][L35] an assembly in Chicago on a server in UTC', () => {
  it('[L34] its start time shows in Chicago time with the zone’s name, in English and in Spanish', async () => {
    const { id, cookie } = await createByForm({ startsAt: '2026-05-01T18:00', timeZone: 'America/Chicago' });
    const console_ = await text(await fetch(`${server.url}/a/${id}/facilitate`, { headers: { cookie } }));
    expect(console_).toMatch(/data-testid="meta-when">Friday, May 1, 2026 at 6:00\sPM CDT</);
    // The details editor opens on the assembly's zone (the console keeps it in the shared document).
    const es = await text(await fetch(`${server.url}/a/${id}/facilitate`, { headers: { cookie, ...SPANISH } }));
    expect(es).toMatch(/data-testid="meta-when">viernes, 1 de mayo de 2026, 18:00 GMT-5</);
  });

  it('[L34] an assembly made without a zone shows the server’s (UTC), labelled', async () => {
    const { id, cookie } = await createByForm({ startsAt: '2026-05-01T18:00' });
    const html = await text(await fetch(`${server.url}/a/${id}/facilitate`, { headers: { cookie } }));
    expect(html).toMatch(/data-testid="meta-when">Friday, May 1, 2026 at 6:00\sPM UTC</);
  });

  it('[L35] the minutes name the zone with the start time, and their publication time is Chicago’s', async () => {
    const { id, cookie } = await createByForm({ startsAt: '2026-05-01T18:00', timeZone: 'America/Chicago' });
    const draft = await text(await post(`/a/${id}/minutes/edit`, { intent: 'draft', attendance: '12345' }, { cookie }));
    expect(draft).toContain('2026-05-01 18:00 (America/Chicago)');
    expect(draft).toContain('12,345 people attended.');
    const before = Date.now();
    expect(
      (await post(`/a/${id}/minutes/edit`, { intent: 'publish', markdown: '# Chicago local\n\n2026-05-01 18:00 (America/Chicago)' }, { cookie })).status,
    ).toBe(303);
    const after = Date.now();
    const reader = await text(await fetch(`${server.url}/a/${id}/minutes`, { headers: { cookie } }));
    const shown = /data-testid="minutes-version">([^<]*)</.exec(reader)![1];
    // Published between `before` and `after`, written in Chicago's zone with its name (CST/CDT).
    const expected = new Set([before, after].map((t) => `Version 1, published ${formatInstant('en', t, 'America/Chicago', 'full', true)}`));
    expect(expected).toContain(shown);
    expect(shown).toMatch(/ C[SD]T$/);
  });
});

describe('[L83] the interpreter’s minutes page, for an assembly in Chicago on a server in UTC', () => {
  it('[L83] the published and saved times are Chicago’s, labelled with its zone, never UTC', async () => {
    const asm = await createAssembly(server.url, 'Chicago interpreted');
    const facilitator = pool.open(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
    await facilitator.synced;
    facilitator.doc.getMap('meta').set('timeZone', 'America/Chicago');
    const check = pool.open(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
    await check.synced;
    await eventually(() => expect(readMeta(check.doc).timeZone).toBe('America/Chicago'));
    const cookie = await sessionCookie(server.url, asm.facilitatorToken);
    const before = Date.now();
    expect((await post(`/a/${asm.id}/minutes/edit`, { intent: 'publish', markdown: '# Minutes\n\nWe met.' }, { cookie })).status).toBe(303);
    const interpreter = await sessionCookie(server.url, (await mintLink(server.url, asm, { role: 'interpreter', scope: 'es', label: 'es' })).token);
    const saved = await post(`/a/${asm.id}/interpret/minutes`, { version: '1', revision: '0', markdown: '# Acta\n\nNos reunimos.' }, { cookie: interpreter });
    expect(saved.status).toBe(303);
    const after = Date.now();
    const html = await text(await fetch(`${server.url}/a/${asm.id}/interpret/minutes?v=1`, { headers: { cookie: interpreter, 'accept-language': 'en' } }));
    // Between `before` and `after`, in Chicago's zone with its name (CST/CDT): the list and the form.
    const when = (t: number) => formatInstant('en', t, 'America/Chicago', 'date-time', true);
    const published = /Version 1, published ([^<]*)</.exec(html)?.[1];
    const savedAt = /Saved ([^<]*)\. Readers can choose it\./.exec(html)?.[1];
    for (const shown of [published, savedAt]) {
      expect(shown).toMatch(/ C[SD]T$/);
      expect([before, after].map(when)).toContain(shown);
    }
    expect(html).not.toContain('(UTC)');
  });
});
