/**
 * The HTTP layer against hostile requests (docs/SPEC.md "Web hardening"): each test sends what an
 * attacker would, over real HTTP or raw TCP, to a real server rendering the real Remix build.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCodeOf, eventually, rawSocket } from '../helpers/clients.js';
import { closeCodeIn, rawConnect, upgradeRequest, within, write } from '../helpers/raw-http.js';
import { createAssembly, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { CloseCode } from '../../server/sync/protocol.js';
import { HTTP_DEFAULTS } from '../../server/index.js';
import { BODY_LIMITS } from '../../server/http/body-limit.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import { readEntries } from '../../app/model/stack.js';

let server: TestServer;
let asm: CreatedAssembly;
const FOREIGN = 'https://evil.example';

beforeAll(async () => {
  server = await startTestServer({ remix: 'build', http: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, checkIntervalMs: 200 } });
  asm = await createAssembly(server.url, 'Hall A');
});

afterAll(async () => {
  await server.close();
});

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body.toString();
};

/** A same-origin form post, as our own page sends it. */
function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...headers },
    body,
  });
}

/** The session cookie a link's /join sets. */
async function sessionFor(token: string): Promise<string> {
  const res = await fetch(`${server.url}/join/${token}`, { redirect: 'manual' });
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

function db(): Database.Database {
  return (server.store as unknown as { db: Database.Database }).db;
}
const assemblies = () => (db().prepare('SELECT count(*) AS n FROM assemblies').get() as { n: number }).n;
const links = (id: string) => (db().prepare('SELECT count(*) AS n FROM links WHERE assembly_id = ?').get(id) as { n: number }).n;

/** A request fetch cannot send (TRACE, a raw Host header), through node:http. */
function nodeRequest(options: http.RequestOptions, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, ...options }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('[W1] redirects stay on this site', () => {
  it.each([
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['//evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/\\/evil.example', '/'],
    // Dot segments that URL resolves into a leading '//' (another host to a browser).
    ['/.//evil.example', '/'],
    ['/..//evil.example', '/'],
    ['/x/..//evil.example', '/'],
    ['/%2e%2e//evil.example', '/'],
    ['/a\r\nSet-Cookie: x=1', '/'],
    ['/a/b\u2028c', '/a/b%E2%80%A8c'],
    ['/a/é?x=ü#ñ', '/a/%C3%A9?x=%C3%BC#%C3%B1'],
    ['/a/abc/facilitate?item=x#stack', '/a/abc/facilitate?item=x#stack'],
  ])('back=%j goes to %j, never off-site and never a 500', async (back, expected) => {
    const res = await post('/language', form({ language: 'es', back }));
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toBe(expected);
    expect(new URL(location, server.url).origin).toBe(server.url);
    expect(res.headers.get('set-cookie')).toContain('plenary_lang=es');
  });
});

describe('[W1] an unknown language', () => {
  it('is 400 with a short sentence in the person’s language that does not echo what was sent, and sets nothing', async () => {
    const sent = `<script>alert(1)</script>${'x'.repeat(60_000)}`;
    for (const [accept, expected] of [
      ['es-MX,es;q=0.9', 'es'],
      ['en', 'en'],
    ]) {
      const res = await post('/language', form({ language: sent, back: '/' }), { 'accept-language': accept });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-language')).toBe(expected);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.headers.get('set-cookie')).toBeNull();
      const text = await res.text();
      expect(text.length).toBeLessThan(300);
      expect(text).not.toContain('<script>');
      expect(text).not.toContain('xxxx');
    }
  });
});

describe('[W2] state-changing requests from another site are refused with 403, before any work', () => {
  it('an API mint sent as a simple CORS request from a foreign page is refused and mints nothing', async () => {
    const before = links(asm.id);
    const res = await fetch(`${server.url}/api/assemblies/${asm.id}/links`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: FOREIGN, cookie: await sessionFor(asm.facilitatorToken) },
      body: JSON.stringify({ role: 'facilitator' }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/another site/);
    expect(links(asm.id)).toBe(before);
  });

  it('form posts with a foreign, null or unparseable Origin answer 403 (not Remix’s 500) and create nothing', async () => {
    const before = assemblies();
    for (const origin of [FOREIGN, 'null', `${server.url}.evil.example`, 'file://', '{"level":"error","msg":"forged"}']) {
      const res = await post('/?index', form({ title: 'Forged', languages: 'en' }), { origin });
      expect(res.status, origin).toBe(403);
      expect(await res.text()).toMatch(/another website/);
    }
    expect(assemblies()).toBe(before);
  });

  it('a person who meets the refusal reads it in their language', async () => {
    const es = await post('/language', form({ language: 'en', back: '/' }), { origin: FOREIGN, 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' });
    expect(es.status).toBe(403);
    expect(es.headers.get('content-language')).toBe('es');
    expect(await es.text()).toMatch(/otro sitio web/);
    const chosen = await post('/?index', form({ title: 'x', languages: 'en' }), { origin: FOREIGN, 'accept-language': 'es', cookie: 'plenary_lang=en' });
    expect(await chosen.text()).toMatch(/another website/);
    // Scripts get English JSON whatever they accept.
    const api = await fetch(`${server.url}/api/assemblies`, { method: 'POST', headers: { origin: FOREIGN, 'accept-language': 'es' }, body: '{}' });
    expect((await api.json()).error).toMatch(/another site/);
  });

  it('without Origin, a cross-site Sec-Fetch-Site or a foreign Referer is refused', async () => {
    const bySite = await fetch(`${server.url}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: form({ language: 'es', back: '/' }),
    });
    expect(bySite.status).toBe(403);
    const byReferer = await fetch(`${server.url}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: `${FOREIGN}/page` },
      body: form({ language: 'es', back: '/' }),
    });
    expect(byReferer.status).toBe(403);
  });

  it('our own pages, and scripts that send no Origin (Bearer tokens, curl), keep working', async () => {
    expect((await post('/language', form({ language: 'es', back: '/' }))).status).toBe(302);
    const sameSite = await fetch(`${server.url}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', referer: `${server.url}/a/x` },
      body: form({ language: 'es', back: '/' }),
    });
    expect(sameSite.status).toBe(302);
    const script = await fetch(`${server.url}/api/assemblies/${asm.id}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${asm.facilitatorToken}` },
      body: JSON.stringify({ role: 'stack-keeper' }),
    });
    expect(script.status).toBe(201);
  });

  it('behind a loopback proxy, the forwarded host and PUBLIC_URL count as our own origin', async () => {
    const proxied = await post('/language', form({ language: 'es', back: '/' }), {
      origin: 'https://plenary.example.org',
      'x-forwarded-host': 'plenary.example.org',
      'x-forwarded-proto': 'https',
    });
    expect(proxied.status).toBe(302);
    const withPublic = await startTestServer({ remix: 'build', publicUrl: 'https://assembly.example.org' });
    try {
      const res = await fetch(`${withPublic.url}/?index`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://assembly.example.org' },
        body: form({ title: 'Through the proxy', languages: 'en' }),
      });
      expect(res.status).toBe(302);
      const foreign = await fetch(`${withPublic.url}/?index`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://other.example.org' },
        body: form({ title: 'Not ours', languages: 'en' }),
      });
      expect(foreign.status).toBe(403);
    } finally {
      await withPublic.close();
    }
  });

  it('a websocket opened by another site’s page is refused with 403', async () => {
    const ws = new WebSocket(`${server.syncUrl}/${asm.id}/plenary?token=${asm.attendeeToken}`, { origin: FOREIGN });
    ws.on('error', () => {});
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
    });
    ws.terminate();
    expect(status).toBe(403);
    const ours = new WebSocket(`${server.syncUrl}/${asm.id}/plenary?token=${asm.attendeeToken}`, { origin: server.url });
    await new Promise((resolve, reject) => {
      ours.once('open', resolve);
      ours.once('error', reject);
    });
    ours.close();
  });
});

describe('[W4] slow clients are cut off', () => {
  it('production waits at most 20 s for headers and 30 s for a whole request, checked every second', async () => {
    expect(HTTP_DEFAULTS.headersTimeoutMs).toBeLessThanOrEqual(20_000);
    expect(HTTP_DEFAULTS.requestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(HTTP_DEFAULTS.checkIntervalMs).toBeLessThanOrEqual(1_000);
    const production = await startTestServer();
    try {
      expect(production.server.headersTimeout).toBe(HTTP_DEFAULTS.headersTimeoutMs);
      expect(production.server.requestTimeout).toBe(HTTP_DEFAULTS.requestTimeoutMs);
      expect(production.server.keepAliveTimeout).toBe(HTTP_DEFAULTS.keepAliveTimeoutMs);
    } finally {
      await production.close();
    }
  });

  it('headers sent a byte at a time, or never, do not hold a connection past the header timeout', async () => {
    const silent = await rawConnect(server.url);
    const drip = await rawConnect(server.url);
    await write(drip.socket, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const started = Date.now();
    let stillOpen = true;
    void drip.closed.then(() => (stillOpen = false));
    // One byte every 100 ms: never a complete request. Bounded by the loop count.
    for (let i = 0; i < 60 && stillOpen; i++) {
      await write(drip.socket, 'a');
      await new Promise((r) => setTimeout(r, 100));
    }
    await within(Promise.all([silent.closed, drip.closed]), 4_000, 'a slow-header connection stayed open');
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('a body that trickles in does not hold a connection past the request timeout', async () => {
    const c = await rawConnect(server.url);
    await write(c.socket, `POST /language HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n`);
    let stillOpen = true;
    void c.closed.then(() => (stillOpen = false));
    for (let i = 0; i < 80 && stillOpen; i++) {
      await write(c.socket, 'a');
      await new Promise((r) => setTimeout(r, 100));
    }
    await within(c.closed, 5_000, 'a slow-body connection stayed open');
    expect(stillOpen).toBe(false);
  });
});

describe('[W5] every upgrade that is not for /sync/ is answered and closed', () => {
  it('200 upgrade requests to other paths each get 404 and a closed socket', async () => {
    const host = new URL(server.url).host;
    const conns = await Promise.all(Array.from({ length: 200 }, () => rawConnect(server.url)));
    await Promise.all(conns.map((c, i) => write(c.socket, upgradeRequest(host, i % 2 ? '/' : `/other/${i}`))));
    await within(Promise.all(conns.map((c) => c.closed)), 5_000, 'an upgrade was left hanging');
    for (const c of conns) expect(c.received()).toMatch(/^HTTP\/1\.1 404 /);
  });
});

describe('[W6] document names are taken exactly as sent', () => {
  it.each([
    (id: string) => `/sync/${id}/../${id}/plenary`,
    (id: string) => `/sync/${id}\\plenary`,
    (id: string) => `/sync/${id}/%2e%2e/${id}/plenary`,
    (id: string) => `/sync/${id}%2Fplenary`,
    (id: string) => `/sync/${id}%5Cplenary`,
    (id: string) => `/sync/x/..%2F${id}/plenary`,
    (id: string) => `/sync/./${id}/plenary`,
  ])('%s closes with 4404 even with a valid link', async (pathOf) => {
    const c = await rawConnect(server.url);
    await write(c.socket, upgradeRequest(new URL(server.url).host, `${pathOf(asm.id)}?token=${asm.facilitatorToken}`));
    const code = await eventually(() => {
      const found = closeCodeIn(Buffer.from(c.received(), 'latin1'));
      if (found === null) throw new Error(`no close frame yet: ${c.received().slice(0, 80)}`);
      return found;
    });
    c.socket.destroy();
    expect(code).toBe(CloseCode.notFound);
  });

  it('the plain name still opens', async () => {
    const c = await rawConnect(server.url);
    await write(c.socket, upgradeRequest(new URL(server.url).host, `/sync/${asm.id}/plenary?token=${asm.facilitatorToken}`));
    // The server's first sync message arrives: a binary frame, not a close.
    await eventually(() => expect(c.received()).toMatch(/^HTTP\/1\.1 101 [\s\S]*\r\n\r\n[\s\S]+/));
    expect(closeCodeIn(Buffer.from(c.received(), 'latin1'))).toBeNull();
    c.socket.destroy();
  });
});

describe('[W7] a frame over 8 MiB', () => {
  it('closes with 1009, which the client hears', async () => {
    const ws = await rawSocket(server.syncUrl, `${asm.id}/notes/item1`, asm.facilitatorToken);
    const closed = closeCodeOf(ws);
    ws.send(Buffer.alloc(8 * 1024 * 1024 + 1));
    expect((await closed).code).toBe(1009);
  });

  it('closes with 1009 even when the server still has output queued for that client', async () => {
    // A phone on bad wifi has not read what the server sent yet: the server's side of the socket
    // holds output. Held here by corking the server's socket until the frame has been refused.
    let serverSide: import('node:net').Socket | undefined;
    const grab = (_req: unknown, socket: import('node:net').Socket) => (serverSide = socket);
    server.server.on('upgrade', grab);
    try {
      const ws = await rawSocket(server.syncUrl, `${asm.id}/notes/item2`, asm.facilitatorToken);
      serverSide!.cork();
      const closed = closeCodeOf(ws);
      ws.send(Buffer.alloc(8 * 1024 * 1024 + 1));
      setTimeout(() => serverSide!.uncork(), 500);
      expect((await closed).code).toBe(1009);
    } finally {
      server.server.off('upgrade', grab);
    }
  });
});

describe('[W8] bodies over the route’s limit are refused with 413 while streaming, before any other work', () => {
  it.each(['/?index', '/language', `/a/ASSEMBLY/facilitate`, '/api/assemblies'])('a declared 64 MB body to %s is refused before it is sent', async (path) => {
    const c = await rawConnect(server.url);
    await write(
      c.socket,
      `POST ${path.replace('ASSEMBLY', asm.id)} HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`,
    );
    // Not one byte of the body sent: the answer comes from the headers alone (no 401 first).
    expect(await within(c.status, 2_000, 'no answer before the body')).toBe(413);
    c.socket.destroy();
  });

  it('a chunked body is counted as it arrives and refused past the limit', async () => {
    const c = await rawConnect(server.url);
    await write(
      c.socket,
      `POST /?index HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = Buffer.alloc(16 * 1024, 'a');
    let sent = 0;
    let answered = false;
    void c.status.then(() => (answered = true));
    // 64 MB at most; the answer must come long before.
    for (let i = 0; i < 4096 && !answered; i++) {
      if (!(await write(c.socket, Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])))) break;
      sent += chunk.length;
    }
    expect(await within(c.status, 2_000, 'no answer to the chunked body')).toBe(413);
    // What the kernel buffers on both sides is a few MB at most; 64 MB were never read.
    expect(sent).toBeLessThan(16 * 1024 * 1024);
    c.socket.destroy();
  });

  it('the minutes editor still takes long Markdown (400,000 characters, accented)', async () => {
    expect(BODY_LIMITS.form).toBeGreaterThanOrEqual(16 * 1024);
    const cookie = await sessionFor(asm.facilitatorToken);
    const markdown = `# Actas\n\n${'Acción sindical — ñandú. '.repeat(16_000)}`.slice(0, 400_000);
    const res = await post(`/a/${asm.id}/minutes/edit`, form({ intent: 'publish', markdown }), { cookie });
    expect(res.status).toBe(303);
    const published = await server.store.getMinutes(asm.id);
    expect(published?.markdown.length).toBeGreaterThan(399_000);
  });
});

describe('[W9][W10] bodies we cannot read are a clear 4xx', () => {
  const create = (headers: Record<string, string>, body: string | Uint8Array<ArrayBuffer>) =>
    fetch(`${server.url}/api/assemblies`, { method: 'POST', headers, body });

  it('Content-Encoding br, an unknown one, or gzip that is not gzip: 415/415/400, nothing created', async () => {
    const before = assemblies();
    const json = JSON.stringify({ title: 'Compressed' });
    expect((await create({ 'content-type': 'application/json', 'content-encoding': 'br' }, json)).status).toBe(415);
    expect((await create({ 'content-type': 'application/json', 'content-encoding': 'x-squish' }, json)).status).toBe(415);
    const bad = await create({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, json);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/compressed/);
    const form = await post('/?index', 'title=x&languages=en', { 'content-encoding': 'br' });
    expect(form.status).toBe(415);
    expect(assemblies()).toBe(before);
    // Real gzip to the JSON API is read.
    expect((await create({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, new Uint8Array(gzipSync(json)))).status).toBe(201);
  });

  it('a JSON body in charset=bogus is 415; a multipart form without a boundary is 400', async () => {
    const res = await create({ 'content-type': 'application/json; charset=bogus' }, JSON.stringify({ title: 'x' }));
    expect(res.status).toBe(415);
    expect((await res.json()).error).toMatch(/UTF-8/);
    const multipart = await post('/?index', 'title=x', { 'content-type': 'multipart/form-data' });
    expect(multipart.status).toBe(400);
    const lang = await post('/language', 'language=es', { 'content-type': 'multipart/form-data' });
    expect(lang.status).toBe(400);
  });
});

describe('[W11] a malformed address is 400, and the answer does not echo it', () => {
  it('a join link with a stray %, a bad escape in the API or a page', async () => {
    const join = await fetch(`${server.url}/join/${asm.facilitatorToken}%`, { redirect: 'manual' });
    expect(join.status).toBe(400);
    expect(join.headers.get('set-cookie')).toBeNull();
    expect(await join.text()).not.toContain(asm.facilitatorToken);
    const api = await fetch(`${server.url}/api/assemblies/%E0%A4%A/links`);
    expect(api.status).toBe(400);
    expect((await api.json()).error).toMatch(/malformed/);
    expect((await fetch(`${server.url}/a/%E0%A4%A`)).status).toBe(400);
  });

  it.each(['a b', 'a@b', 'user:pw@evil.example', 'plenary@evil.example:80', 'evil.example/a/x', 'x?y', 'x#y', 'x\\y'])(
    'a Host header that is not a host name (%j) is 400, not 500, and not echoed',
    async (host) => {
      const res = await nodeRequest({ path: '/', method: 'GET', headers: { host } });
      expect(res.status).toBe(400);
      expect(res.text).not.toContain(host);
    },
  );

  it('an X-Forwarded-Host from the (loopback) proxy is held to the same rule', async () => {
    const res = await nodeRequest({
      path: '/',
      method: 'GET',
      headers: { host: 'plenary.example.org', 'x-forwarded-host': 'plenary@evil.example, plenary.example.org' },
    });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('evil.example');
    const fine = await nodeRequest({ path: '/', method: 'GET', headers: { host: 'plenary.example.org', 'x-forwarded-host': 'plenary.example.org:8443' } });
    expect(fine.status).toBe(200);
  });
});

describe('[W18] Remix’s old ?_data requests', () => {
  it.each([
    '/?_data=root',
    '/?%5Fdata=root',
    '/a/ASSEMBLY?_data=routes/a.$id._index',
    '/a/ASSEMBLY/facilitate?x=1&_data=routes/a.$id.facilitate',
    '/a/ASSEMBLY/facilitate.data?_data=root',
  ])('%s is 400 before any guard or loader, with or without a link', async (path) => {
    const url = `${server.url}${path.replace('ASSEMBLY', asm.id)}`;
    const anonymous = await fetch(url, { redirect: 'manual' });
    expect(anonymous.status).toBe(400);
    expect(await anonymous.text()).not.toContain('_data');
    const withLink = await fetch(url, { redirect: 'manual', headers: { cookie: await sessionFor(asm.facilitatorToken) } });
    expect(withLink.status).toBe(400);
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(400);
  });

  it('a form post with ?_data is refused too, and does nothing', async () => {
    const before = assemblies();
    const res = await post('/?index&_data=routes/_index', form({ title: 'Through the old protocol', languages: 'en' }));
    expect(res.status).toBe(400);
    expect(assemblies()).toBe(before);
  });
});

describe('[W13] the facilitator key cookie', () => {
  it('is Secure over HTTPS (X-Forwarded-Proto from a loopback proxy), like the session cookie', async () => {
    const res = await post('/?index', form({ title: 'Over TLS', languages: 'en' }), { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(302);
    const cookies = res.headers.getSetCookie();
    const key = cookies.find((c) => c.startsWith('plenary_key_'))!;
    const session = cookies.find((c) => /^plenary_[A-Za-z0-9_-]+=/.test(c) && !c.startsWith('plenary_key_'))!;
    expect(session).toMatch(/;\s*Secure/i);
    expect(key).toMatch(/;\s*Secure/i);
    const plain = await post('/?index', form({ title: 'Over plain HTTP', languages: 'en' }));
    expect(plain.headers.getSetCookie().find((c) => c.startsWith('plenary_key_'))).not.toMatch(/Secure/i);
  });
});

describe('[W14] a title or name must show something', () => {
  const invisible = ['\u200B', '\uFEFF', '\u2060', ' \u200B\u00A0 ', '\u200D\u200C', '\u3000'];

  it('the API refuses invisible titles (400) and creates nothing', async () => {
    const before = assemblies();
    for (const title of invisible) {
      const res = await fetch(`${server.url}/api/assemblies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      expect(res.status, JSON.stringify(title)).toBe(400);
      expect((await res.json()).details[0].path).toBe('title');
    }
    expect(assemblies()).toBe(before);
  });

  it('the create form answers 400 with the title’s field error', async () => {
    const before = assemblies();
    for (const title of invisible) {
      const res = await post('/?index', form({ title, languages: 'en' }));
      expect(res.status, JSON.stringify(title)).toBe(400);
      expect(await res.text()).toContain('Give the assembly a name.');
    }
    expect(assemblies()).toBe(before);
  });

  it('an attendee’s hand with an invisible name is refused (400) and not on the stack', async () => {
    const cookie = await sessionFor(asm.attendeeToken);
    for (const name of invisible) {
      const res = await post(`/a/${asm.id}?index`, form({ intent: 'raise', name, kind: 'speak' }), { cookie });
      expect(res.status, JSON.stringify(name)).toBe(400);
    }
    const room = await server.rooms.acquire(parseDocName(`${asm.id}/plenary`)!);
    const entries = readEntries(room.doc).length;
    server.rooms.release(room);
    expect(entries).toBe(0);
    // The same form with a name that shows is taken.
    expect((await post(`/a/${asm.id}?index`, form({ intent: 'raise', name: 'Ana', kind: 'speak' }), { cookie })).status).toBe(303);
  });
});

describe('[W15] a malformed id in a page address', () => {
  it('is 400 for someone the page is for, and the guard’s 401 for anyone else', async () => {
    const cookie = await sessionFor(asm.facilitatorToken);
    for (const item of ['..', '../plenary', 'a/b', '%2e%2e']) {
      const res = await fetch(`${server.url}/a/${asm.id}/notes?item=${encodeURIComponent(item)}`, { headers: { cookie } });
      expect(res.status, item).toBe(400);
    }
    expect((await fetch(`${server.url}/a/${asm.id}/notes?item=..`)).status).toBe(401);
  });
});

describe('[W16] methods no route answers', () => {
  it.each(['TRACE', 'PUT', 'PATCH', 'PROPFIND', 'OPTIONS'])('%s is 405 with Allow', async (method) => {
    const res = await nodeRequest({ method, path: '/' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST, DELETE');
    expect(res.text).not.toMatch(/<html/i);
  });
});

describe('[W17] when the disk cannot take writes', () => {
  it('creating an assembly answers 503 with Retry-After and keeps what was typed; it works again after', async () => {
    const before = assemblies();
    db().pragma('query_only = ON');
    try {
      const page = await post('/?index', form({ title: 'Huelga general', place: 'Union hall', languages: ['en', 'es'] }));
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
      const html = await page.text();
      expect(html).toContain('value="Huelga general"');
      expect(html).toContain('value="Union hall"');
      expect(html).toContain('The server cannot save right now');
      const api = await fetch(`${server.url}/api/assemblies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Huelga' }),
      });
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      db().pragma('query_only = OFF');
    }
    expect(assemblies()).toBe(before);
    expect((await post('/?index', form({ title: 'Huelga general', languages: 'en' }))).status).toBe(302);
  });
});
