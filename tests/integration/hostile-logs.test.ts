/**
 * [W12] What the server process writes, read from its real stdout and stderr after the attacks
 * that used to put a live token, a stack trace or a forged JSON line there.
 */
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { createAssembly, tempDataDir, type CreatedAssembly } from '../helpers/server.js';
import { closeCodeOf, eventually, rawSocket } from '../helpers/clients.js';
import { rawConnect, upgradeRequest, within, write } from '../helpers/raw-http.js';

let child: ChildServer;
let asm: CreatedAssembly;

beforeAll(async () => {
  child = await spawnServer(tempDataDir(), { LOG_LEVEL: 'debug' });
  asm = await createAssembly(child.url, 'Hall A');
});

afterAll(async () => {
  child.process.kill('SIGTERM');
  await child.exited;
});

function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<number> {
  const { hostname, port } = new URL(child.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(body);
  });
}

it('[W12] after the attacks, every line is the logger’s JSON and none holds a token, a cookie or an address', async () => {
  const join = await fetch(`${child.url}/join/${asm.facilitatorToken}`, { redirect: 'manual' });
  const cookie = (join.headers.get('set-cookie') ?? '').split(';')[0];
  const cookieValue = cookie.slice(cookie.indexOf('=') + 1);
  const forged = '{"t":"2026-01-01T00:00:00.000Z","level":"error","msg":"forged"}';
  const spoofed = { 'x-forwarded-for': '10.1.2.3', 'x-real-ip': '10.1.2.3', cookie, 'user-agent': forged };

  const answers = [
    // Express used to print "URIError: Failed to decode param '<token>%'" with its stack.
    await raw('GET', `/join/${asm.facilitatorToken}%`, spoofed),
    await raw('GET', `/join/${asm.attendeeToken}%E0%A4%A`, spoofed),
    await raw('GET', `/api/assemblies/%E0%A4%A/links`, { ...spoofed, authorization: `Bearer ${asm.facilitatorToken}` }),
    await raw('GET', `/a/${asm.attendeeToken}%E0%A4%A`, spoofed),
    // Remix used to print the raw Origin in "TypeError: Invalid URL ... input: '<origin>'".
    await raw('POST', '/?index', { ...spoofed, origin: forged, 'content-type': 'application/x-www-form-urlencoded' }, 'title=x&languages=en'),
    await raw('POST', `/a/${asm.id}/facilitate`, { ...spoofed, origin: `https://${asm.facilitatorToken}.evil.example` }, 'intent=mint'),
    // Remix's router used to print a stack for methods no route has.
    await raw('PROPFIND', '/', spoofed),
    await raw('TRACE', `/join/${asm.facilitatorToken}`, spoofed),
    // Remix's own warnings (console.warn / handleError's default console.error).
    await raw('GET', '/?_data=root', spoofed),
    await raw('GET', `/a/${asm.id}/notes?item=..${asm.facilitatorToken}`, spoofed),
    await raw('GET', '/', { ...spoofed, host: `${asm.facilitatorToken} x` }),
    // A Host no page of ours sends: the URL built from it was a 500 whose message held the URL.
    await raw('GET', '/', { ...spoofed, host: `${asm.facilitatorToken}@evil.example` }),
    // Without a link: Remix's "should not be making ?_data requests" went out as an error.
    await raw('GET', `/a/${asm.id}?_data=routes/a.$id._index`, { ...spoofed, cookie: '' }),
    await raw('POST', '/api/assemblies', { ...spoofed, 'content-type': 'application/json; charset=bogus' }, '{"title":"x"}'),
    await raw('POST', '/api/assemblies', { ...spoofed, 'content-type': 'application/json', 'content-encoding': 'gzip' }, `{"title":"${asm.facilitatorToken}"}`),
    await raw('POST', '/api/assemblies', { ...spoofed, 'content-type': 'application/json' }, `{"title": ${forged}\n${asm.facilitatorToken}`),
  ];
  // A clear 4xx for each.
  expect(answers).toEqual([400, 400, 400, 400, 403, 403, 405, 405, 400, 400, 400, 400, 400, 415, 400, 400]);

  // A malformed frame and an upgrade that is not ours.
  const bad = await rawSocket(child.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  const closed = closeCodeOf(bad);
  bad.send(new Uint8Array([7, 7, 7]));
  await closed;
  const upgrade = await rawConnect(child.url);
  await write(upgrade.socket, upgradeRequest(new URL(child.url).host, `/elsewhere/${asm.facilitatorToken}`, `Cookie: ${cookie}\r\n`));
  await within(upgrade.closed, 3_000, 'the upgrade was not answered');

  // The refusals above are logged at debug: wait until they are all out.
  const refusals = () => child.output.stderr.split('\n').filter((l) => l.includes('"request refused"')).length;
  await eventually(() => expect(refusals()).toBeGreaterThanOrEqual(15), { timeout: 10_000 });

  // stdout carries one line: the port, for whoever started the process.
  expect(child.output.stdout).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
  const lines = child.output.stderr.split('\n').filter((l) => l !== '');
  expect(lines.length).toBeGreaterThan(10);
  for (const line of lines) {
    expect(line.startsWith('{"t":"'), line).toBe(true);
    const entry = JSON.parse(line) as { t: string; level: string; msg: string };
    // Every attack above is the client's doing: none is an error of the server's.
    expect(['debug', 'info', 'warn'], line).toContain(entry.level);
    expect(typeof entry.msg).toBe('string');
    expect(entry.msg).not.toBe('forged');
    for (const secret of [asm.facilitatorToken, asm.attendeeToken, cookieValue, cookieValue.split('.').pop()!, '10.1.2.3', '127.0.0.1', 'evil.example']) {
      expect(line, `a log line holds ${secret}`).not.toContain(secret);
    }
    expect(line).not.toMatch(/\n\s+at /);
  }
});
