/**
 * The projector's short join code ([N20]–[N24], ADR 022), attacked as a script would: real
 * server, real HTTP, a cookie jar or none. A code opens the room as its link does; a wrong,
 * revoked or deleted one opens nothing and says nothing; guessing is limited per address and
 * overall; odd input is a 4xx, never a 500; the database holds no code in the clear.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer, databaseBytes } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { JOIN_CODE_ALPHABET } from '../../server/access/join-codes.js';

let server: TestServer;
let asm: CreatedAssembly;
/** Each request from its own address unless a test says otherwise: the limit is tested on its own. */
let nextAddress = 1;
const freshAddress = () => `10.1.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
  asm = await createAssembly(server.url, 'Assembly Copper-Heron-5521');
}, 30_000);
afterAll(async () => {
  await server?.close();
});

/** The code the projector shows, read off the projector page as anyone in the room can. */
async function projectorCode(a: CreatedAssembly): Promise<string> {
  const phone = new Phone(server.url);
  expect(await phone.join(a.attendeeToken)).toBe(303);
  const html = await (await phone.get(`/a/${a.id}/screen`)).text();
  const code = /data-testid="join-code"[^>]*>([A-Z0-9]{3}-[A-Z0-9]{3})</.exec(html)?.[1];
  if (!code) throw new Error('no join code on the projector');
  return code;
}

const get = (pathname: string, address = freshAddress(), headers: Record<string, string> = {}) =>
  fetch(`${server.url}${pathname}`, { redirect: 'manual', headers: { 'x-forwarded-for': address, ...headers } });
const post = (body: string, address = freshAddress(), type = 'application/x-www-form-urlencoded') =>
  fetch(`${server.url}/j`, { method: 'POST', redirect: 'manual', headers: { 'x-forwarded-for': address, 'content-type': type }, body });
const sessionOf = (res: Response, id: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`plenary_${id}=`))
    ?.split(';')[0]
    .split('=')[1] ?? null;

/** A well-formed code that no room has (the alphabet's first letters, checked against the real one). */
function wrongCode(real: string, n = 0): string {
  const letters = [...JOIN_CODE_ALPHABET];
  let raw = '';
  for (let i = 0; i < 6; i++) raw += letters[(n * 7 + i * 3) % letters.length];
  return raw === real.replace('-', '') ? wrongCode(real, n + 1) : `${raw.slice(0, 3)}-${raw.slice(3)}`;
}

it('[N20] the projector shows a six-character code from the unambiguous alphabet, and it opens the room as the join link does', async () => {
  const code = await projectorCode(asm);
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);

  const viaLink = await get(`/join/${asm.attendeeToken}`);
  const viaCode = await get(`/j/${code}`);
  for (const res of [viaLink, viaCode]) {
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/a/${asm.id}`);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`plenary_${asm.id}=`))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  }
  // The cookie is the link's own: it opens the attendee page.
  const phone = new Phone(server.url);
  const res = await phone.post('/j', { code: code.toLowerCase() });
  expect(res.status).toBe(303);
  expect((await phone.get(`/a/${asm.id}`)).status).toBe(200);
});

it('[N20] case, spaces, dashes and full-width letters do not matter; a phone that joined keeps its session', async () => {
  const code = await projectorCode(asm);
  const raw = code.replace('-', '');
  const spellings = [
    raw.toLowerCase(),
    ` ${raw.slice(0, 3)} ${raw.slice(3)} `,
    raw.split('').join('-'),
    `${raw.slice(0, 3)}–${raw.slice(3)}`,
    String.fromCodePoint(...[...raw].map((c) => c.codePointAt(0)! + 0xfee0)),
  ];
  for (const typed of spellings) {
    expect((await post(new URLSearchParams({ code: typed }).toString())).status, typed).toBe(303);
  }
  expect((await get(`/j/${encodeURIComponent(raw.toLowerCase())}`)).status).toBe(303);

  // Joined by the link, then typed the code: the same session (the same hands, seats and right).
  const first = await get(`/join/${asm.attendeeToken}`);
  const cookie = first.headers.getSetCookie()[0].split(';')[0];
  const again = await get(`/j/${code}`, freshAddress(), { cookie });
  expect(sessionOf(again, asm.id)!.split('.')[1]).toBe(sessionOf(first, asm.id)!.split('.')[1]);
});

it('[N22] a wrong code is 404 with the form again, and says nothing of any room; it sets no cookie', async () => {
  const code = await projectorCode(asm);
  const answers = await Promise.all([get(`/j/${wrongCode(code)}`), post(`code=${wrongCode(code, 1)}`)]);
  for (const res of answers) {
    expect(res.status).toBe(404);
    expect(res.headers.getSetCookie()).toEqual([]);
    const html = await res.text();
    expect(html).toContain('No assembly has that code');
    expect(html).not.toContain(asm.id);
    expect(html).not.toContain('Copper-Heron');
    expect(html).not.toContain(code);
  }
});

it('[N23] revoking the join link kills its code; the link that replaces it has a new one', async () => {
  const other = await createAssembly(server.url, 'Revoked hall');
  const code = await projectorCode(other);
  expect((await get(`/j/${code}`)).status).toBe(303);
  const fac = new Phone(server.url, other.facilitatorToken);
  const links = (await (await fac.get(`/api/assemblies/${other.id}/links`)).json()) as { links: { id: string; role: string }[] };
  const attendee = links.links.find((l) => l.role === 'attendee')!;
  const replacement = await mintLink(server.url, other, { role: 'attendee' });
  expect(
    (
      await fetch(`${server.url}/api/assemblies/${other.id}/links/${attendee.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${other.facilitatorToken}` },
      })
    ).status,
  ).toBe(204);

  const dead = await get(`/j/${code}`);
  expect(dead.status).toBe(404);
  expect(dead.headers.getSetCookie()).toEqual([]);
  expect((await post(`code=${code}`)).status).toBe(404);
  const fresh = await projectorCode({ ...other, attendeeToken: replacement.token });
  expect(fresh).not.toBe(code);
  expect((await get(`/j/${fresh}`)).status).toBe(303);
});

it('[N23] the code of a deleted assembly opens nothing', async () => {
  const doomed = await createAssembly(server.url, 'Assembly Doomed-Finch-1204');
  const code = await projectorCode(doomed);
  const fac = new Phone(server.url);
  expect(await fac.join(doomed.facilitatorToken)).toBe(303);
  const deleted = await fac.post(`/a/${doomed.id}/facilitate`, { intent: 'delete', confirm: 'Assembly Doomed-Finch-1204' });
  expect(deleted.status).toBeLessThan(400);
  expect(await server.store.getAssembly(doomed.id)).toBeNull();
  const res = await get(`/j/${code}`);
  expect(res.status).toBe(404);
  expect(await res.text()).not.toContain(doomed.id);
});

it('[N24] odd input is a 400 or 404 with a page, never a 500, and sets nothing', async () => {
  const big = 'A'.repeat(10 * 1024);
  const answers = [
    await get(`/j/${encodeURIComponent('ÄÖÜ✓🙂')}`),
    await get(`/j/${big}`),
    await get('/j/%E0%A4%A'),
    await get('/j/..%2F..%2Fetc'),
    await get(`/j/${encodeURIComponent('\u0000\u202e')}`),
    await post(''),
    await post('code='),
    await post(`code=${big}`),
    await post(`code=${encodeURIComponent('ÄÖÜ✓🙂\u0000')}`),
    await post('code=a&code=b'),
    await post('{"code": 1}', freshAddress(), 'application/json'),
    await post('%%%'),
  ];
  for (const res of answers) {
    expect([400, 404, 413], `${res.url} ${res.status}`).toContain(res.status);
    expect(res.headers.getSetCookie()).toEqual([]);
    await res.arrayBuffer();
  }
});

it('[N21] a flood of guesses from one address meets 429 with Retry-After (a plain page), and then even the right code is not looked up; other addresses still get in', async () => {
  const code = await projectorCode(asm);
  const flooder = '10.66.0.1';
  const statuses: number[] = [];
  let refused: Response | null = null;
  for (let i = 0; i < 200 && !refused; i++) {
    const res = await get(`/j/${wrongCode(code, i)}`, flooder);
    statuses.push(res.status);
    if (res.status === 429) refused = res;
    else await res.arrayBuffer();
  }
  expect(refused, 'no 429 after 200 wrong guesses').not.toBeNull();
  expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true); // a hall's typos are not refused
  expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(refused!.headers.get('content-type')).toMatch(/text\/plain/);
  expect(await refused!.text()).toMatch(/Too many wrong codes/);
  expect((await get(`/j/${code}`, flooder)).status).toBe(429);
  expect((await post(`code=${code}`, flooder)).status).toBe(429);
  // Other addresses still get in.
  expect((await get(`/j/${code}`, '2001:db8:1:2::1')).status).toBe(303);
  expect((await get(`/j/${code}`, '10.66.0.2')).status).toBe(303);

  // An IPv6 flooder cannot step around it by changing the last half of its address: its /64 is one address.
  let v6: number | null = null;
  for (let i = 0; i < 200 && v6 === null; i++) {
    const res = await get(`/j/${wrongCode(code, i)}`, `2001:db8:5:5::${(i + 1).toString(16)}`);
    await res.arrayBuffer();
    if (res.status === 429) v6 = i;
  }
  expect(v6).not.toBeNull();
  expect((await get(`/j/${code}`, '2001:db8:5:5:ffff::1')).status).toBe(429);
  expect((await get(`/j/${code}`, '2001:db8:5:6::1')).status).toBe(303);
});

it('[N21] the right code never spends the allowance: a hall behind one address all gets in', async () => {
  const code = await projectorCode(asm);
  for (let i = 0; i < 150; i++) {
    const res = await get(`/j/${code}`, '10.77.0.1');
    expect(res.status).toBe(303);
  }
});

it('[N21] guesses spread over many addresses meet the overall limit', async () => {
  const small = await startTestServer({ remix: 'build', joinCodes: { addressCapacity: 5, addressPerMinute: 1, overallCapacity: 12, overallPerMinute: 1 } });
  try {
    const a = await createAssembly(small.url, 'Small hall');
    const phone = new Phone(small.url);
    await phone.join(a.attendeeToken);
    const code = /data-testid="join-code"[^>]*>([A-Z0-9-]{7})</.exec(await (await phone.get(`/a/${a.id}/screen`)).text())![1];
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${small.url}/j/${wrongCode(code, i)}`, { redirect: 'manual', headers: { 'x-forwarded-for': `10.88.0.${i + 1}` } });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 404)).toHaveLength(12);
    expect(statuses.slice(12).every((s) => s === 429)).toBe(true);
    // Even the right code from a fresh address waits: a hit would otherwise tell a guesser it hit.
    expect((await fetch(`${small.url}/j/${code}`, { redirect: 'manual', headers: { 'x-forwarded-for': '10.88.1.1' } })).status).toBe(429);
  } finally {
    await small.close();
  }
});

it('[N22] the database holds no join code in the clear (lookups go by HMAC through an index)', async () => {
  const code = await projectorCode(asm);
  const bytes = databaseBytes(server.dataDir);
  expect(bytes.length).toBeGreaterThan(0);
  for (const form of [code, code.replace('-', ''), code.toLowerCase()]) expect(bytes.includes(Buffer.from(form)), form).toBe(false);
});

it('[N21] a guess counts however its address is written: /J/<code>, /%6A/<code>, //j/<code>, POST /J', async () => {
  // React Router matches addresses in any case and decoded; the limit must see what it sees.
  const small = await startTestServer({
    remix: 'build',
    joinCodes: { addressCapacity: 3, addressPerMinute: 1, overallCapacity: 1000, overallPerMinute: 1000 },
  });
  try {
    const a = await createAssembly(small.url, 'Case hall');
    const phone = new Phone(small.url);
    await phone.join(a.attendeeToken);
    const code = /data-testid="join-code"[^>]*>([A-Z0-9-]{7})</.exec(await (await phone.get(`/a/${a.id}/screen`)).text())![1];
    const ways: [string, (i: number, from: string) => Promise<Response>][] = [
      ['GET /J/<code>', (i, from) => fetch(`${small.url}/J/${wrongCode(code, i)}`, { redirect: 'manual', headers: { 'x-forwarded-for': from } })],
      ['GET /%6A/<code>', (i, from) => fetch(`${small.url}/%6A/${wrongCode(code, i)}`, { redirect: 'manual', headers: { 'x-forwarded-for': from } })],
      ['GET //j/<code>', (i, from) => fetch(`${small.url}//j/${wrongCode(code, i)}`, { redirect: 'manual', headers: { 'x-forwarded-for': from } })],
      [
        'POST /J',
        (i, from) =>
          fetch(`${small.url}/J`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'x-forwarded-for': from, 'content-type': 'application/x-www-form-urlencoded', origin: small.url },
            body: `code=${wrongCode(code, i)}`,
          }),
      ],
    ];
    for (const [n, [way, guess]] of ways.entries()) {
      const from = `10.99.0.${n + 1}`;
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await guess(i, from);
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      expect(statuses, way).toContain(429);
      expect(statuses.filter((s) => s !== 429).length, way).toBeLessThanOrEqual(3);
    }
  } finally {
    await small.close();
  }
});
