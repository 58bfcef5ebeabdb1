import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssembly, startTestServer, tokenOf, type TestServer } from '../helpers/server.js';
import { readCookie } from '../../server/access/tokens.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('POST /api/assemblies', () => {
  it('[A2] creates an assembly with a facilitator and an attendee link', async () => {
    const res = await post('/api/assemblies', JSON.stringify({ title: 'Minneapolis general strike assembly' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(body.links.facilitator).toMatch(new RegExp(`^${server.url.replace('127.0.0.1', '(127\\.0\\.0\\.1)')}/join/[A-Za-z0-9_-]{43}$`));
    expect(body.links.attendee).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    expect(body.links.attendee).not.toBe(body.links.facilitator);
    expect((await server.store.getAssembly(body.id))?.title).toBe('Minneapolis general strike assembly');
  });

  it('[A2] malformed JSON gets 400 saying so', async () => {
    const res = await post('/api/assemblies', '{"title": ');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/malformed JSON/);
  });

  it('[A2] a missing, empty or non-string title gets 400 naming the field', async () => {
    for (const body of ['{}', '{"title": "   "}', '{"title": 42}', '[]', '"title"', 'null']) {
      const res = await post('/api/assemblies', body);
      expect(res.status, body).toBe(400);
      expect((await res.json()).error, body).toMatch(/title|JSON object/);
    }
  });

  it('[A1] stores only the hash of each token', async () => {
    const res = await post('/api/assemblies', JSON.stringify({ title: 'Hashes only' }));
    const { id, links } = await res.json();
    const stored = await server.store.listLinks(id);
    const tokens = [tokenOf(links.facilitator), tokenOf(links.attendee)];
    for (const link of stored) {
      expect(link.tokenHash).toHaveLength(32);
      for (const t of tokens) expect(Buffer.from(link.tokenHash).toString('base64url')).not.toBe(t);
    }
    const fs = await import('node:fs');
    const files = fs.readdirSync(server.dataDir).map((f) => fs.readFileSync(`${server.dataDir}/${f}`));
    for (const t of tokens) for (const bytes of files) expect(bytes.includes(Buffer.from(t))).toBe(false);
  });
});

describe('GET /join/<token>', () => {
  it('[A3] sets an HttpOnly, SameSite=Lax session cookie and sends each role to its page', async () => {
    const asm = await createAssembly(server.url);
    const res = await fetch(`${server.url}/join/${asm.facilitatorToken}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/a/${asm.id}/facilitate`);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^plenary_${asm.id}=`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const attendee = await fetch(`${server.url}/join/${asm.attendeeToken}`, { redirect: 'manual' });
    expect(attendee.headers.get('location')).toBe(`/a/${asm.id}`);

    // The cookie alone authenticates API calls and sockets for that assembly.
    const value = readCookie(cookie.split(';')[0], `plenary_${asm.id}`);
    const links = await fetch(`${server.url}/api/assemblies/${asm.id}/links`, {
      headers: { cookie: `plenary_${asm.id}=${value}` },
    });
    expect(links.status).toBe(200);
    // A tampered cookie does not.
    const tampered = await fetch(`${server.url}/api/assemblies/${asm.id}/links`, {
      headers: { cookie: `plenary_${asm.id}=${value}x` },
    });
    expect(tampered.status).toBe(401);
  });

  it('[A3] an unknown token gets 404 and no cookie', async () => {
    const res = await fetch(`${server.url}/join/${'A'.repeat(43)}`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('links API', () => {
  it('[A5] only the assembly’s facilitators mint, list and revoke links', async () => {
    const asm = await createAssembly(server.url);
    const other = await createAssembly(server.url);
    const url = `${server.url}/api/assemblies/${asm.id}/links`;
    const mint = (auth: string | null, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify(body),
      });
    expect((await mint(null, { role: 'attendee' })).status).toBe(401);
    expect((await mint(asm.attendeeToken, { role: 'attendee' })).status).toBe(403);
    expect((await mint(other.facilitatorToken, { role: 'attendee' })).status).toBe(403);
    expect((await fetch(url)).status).toBe(401);

    const bad = await mint(asm.facilitatorToken, { role: 'note-taker' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/scope/);
    expect((await mint(asm.facilitatorToken, { role: 'emperor' })).status).toBe(400);
    expect((await mint(asm.facilitatorToken, { role: 'note-taker', scope: '../etc' })).status).toBe(400);

    const ok = await mint(asm.facilitatorToken, { role: 'note-taker', scope: 'g2', label: 'Table 2' });
    expect(ok.status).toBe(201);
    const minted = await ok.json();
    expect(minted).toMatchObject({ role: 'note-taker', scope: 'g2', label: 'Table 2', revokedAt: null });
    expect(minted.url).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);

    const list = await (await fetch(url, { headers: { authorization: `Bearer ${asm.facilitatorToken}` } })).json();
    expect(list.links.map((l: { role: string }) => l.role).sort()).toEqual(['attendee', 'facilitator', 'note-taker']);
    expect(JSON.stringify(list)).not.toContain(tokenOf(minted.url));

    const revoke = (id: string, auth: string) => fetch(`${url}/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${auth}` } });
    expect((await revoke(minted.id, asm.attendeeToken)).status).toBe(403);
    expect((await revoke(minted.id, asm.facilitatorToken)).status).toBe(204);
    expect((await fetch(`${server.url}/join/${tokenOf(minted.url)}`, { redirect: 'manual' })).status).toBe(404);
    expect((await revoke('nope', asm.facilitatorToken)).status).toBe(404);
  });

  it('[A5] the last facilitator link cannot be revoked (409); a co-facilitator link can be', async () => {
    const asm = await createAssembly(server.url);
    const url = `${server.url}/api/assemblies/${asm.id}/links`;
    const auth = { authorization: `Bearer ${asm.facilitatorToken}` };
    const { links } = await (await fetch(url, { headers: auth })).json();
    const own = links.find((l: { role: string }) => l.role === 'facilitator');
    expect((await fetch(`${url}/${own.id}`, { method: 'DELETE', headers: auth })).status).toBe(409);
    const co = await (await fetch(url, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"role":"facilitator"}' })).json();
    expect((await fetch(`${url}/${co.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
  });

  it('unknown API routes get a JSON 404', async () => {
    const res = await fetch(`${server.url}/api/nothing`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBeTruthy();
  });
});

describe('headers', () => {
  it('[X2] every response carries the privacy headers', async () => {
    for (const res of [await fetch(`${server.url}/api/nothing`), await post('/api/assemblies', '{}'), await fetch(`${server.url}/join/x`)]) {
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});
