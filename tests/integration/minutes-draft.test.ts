/**
 * The minutes draft over real HTTP (issue 12 defect 7, ADR 017): kept on the server until
 * published or discarded; every save, publish and discard is revision-checked, so two
 * facilitators never overwrite each other silently; facilitators only; bad input is a 4xx.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { sessionCookie } from '../helpers/forms.js';
import { BODY_LIMITS } from '../../server/http/body-limit.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
});
afterAll(async () => {
  await server.close();
});

/** The session cookie a link's /join sets: one browser's cookie jar. */
const jar = (token: string) => sessionCookie(server.url, token);

async function twoFacilitators(asm: CreatedAssembly): Promise<[string, string]> {
  const second = await mintLink(server.url, asm, { role: 'facilitator', label: 'Second facilitator' });
  return [await jar(asm.facilitatorToken), await jar(second.token)];
}

/** A same-origin form post, as the page's own form sends it. */
function post(path: string, cookie: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie },
    body,
  });
}

/** Sends only the headers of a form post whose Content-Length is over the limit; the status. */
function declaredTooLarge(path: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': BODY_LIMITS.minutes + 1, origin: server.url, cookie },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

const editPage = async (id: string, cookie: string) => {
  const res = await fetch(`${server.url}/a/${id}/minutes/edit`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
};
const stored = async (id: string, cookie: string) =>
  (await (await fetch(`${server.url}/a/${id}/minutes/draft`, { headers: { cookie } })).json()) as { markdown: string | null; revision: number };

describe('[D2] the draft is kept on the server', () => {
  it('[D2] a saved draft is there after reloading the editor, for either facilitator', async () => {
    const asm = await createAssembly(server.url, 'Draft hall');
    const [a, b] = await twoFacilitators(asm);
    const before = await editPage(asm.id, a);
    expect(before).toContain('name="revision" value="0"');
    const res = await post(`/a/${asm.id}/minutes/edit`, a, {
      intent: 'save',
      markdown: '# May Day minutes\n\nEdited by hand: marchers meet at 9.',
      revision: '0',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/a/${asm.id}/minutes/edit`);
    for (const cookie of [a, b]) {
      const html = await editPage(asm.id, cookie);
      expect(html).toContain('Edited by hand: marchers meet at 9.');
      expect(html).toContain('name="revision" value="1"');
    }
    expect(await stored(asm.id, b)).toMatchObject({ markdown: '# May Day minutes\n\nEdited by hand: marchers meet at 9.', revision: 1 });
  });

  it('[D2] two facilitators saving from the same revision: the second is a 409 that shows both texts, and nothing is overwritten', async () => {
    const asm = await createAssembly(server.url, 'Two hands');
    const [a, b] = await twoFacilitators(asm);
    expect((await post(`/a/${asm.id}/minutes/edit`, a, { intent: 'save', markdown: 'Text of Amina', revision: '0' })).status).toBe(303);
    const refused = await post(`/a/${asm.id}/minutes/edit`, b, { intent: 'save', markdown: 'Text of Bao', revision: '0' });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('Text of Bao'); // theirs, still in the box
    expect(html).toContain('Text of Amina'); // the saved one, shown beside it
    expect(html).toContain('data-testid="draft-conflict"');
    expect(await stored(asm.id, a)).toMatchObject({ markdown: 'Text of Amina', revision: 1 });
    // Saving again from the revision shown is the facilitator's choice to put theirs over it.
    expect(html).toContain('name="revision" value="1"');
    expect((await post(`/a/${asm.id}/minutes/edit`, b, { intent: 'save', markdown: 'Text of Bao', revision: '1' })).status).toBe(303);
    expect(await stored(asm.id, a)).toMatchObject({ markdown: 'Text of Bao', revision: 2 });
  });

  it('[D2] the autosave endpoint answers JSON: the new revision, or 409 with the stored draft', async () => {
    const asm = await createAssembly(server.url, 'Autosave hall');
    const [a, b] = await twoFacilitators(asm);
    const first = await post(`/a/${asm.id}/minutes/draft`, a, { markdown: 'one', revision: '0' });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toMatchObject({ revision: 1 });
    const stale = await post(`/a/${asm.id}/minutes/draft`, b, { markdown: 'two', revision: '0' });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ current: { markdown: 'one', revision: 1 } });
    // Concurrent saves from one revision: exactly one is taken.
    const racing = await Promise.all(['x', 'y', 'z'].map((m, i) => post(`/a/${asm.id}/minutes/draft`, i % 2 ? a : b, { markdown: m, revision: '1' })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });
});

describe('[D3] publishing is revision-checked and clears the draft', () => {
  it('[D3] publishing from an old revision publishes nothing (409, both texts); from the current one it publishes and the draft is gone', async () => {
    const asm = await createAssembly(server.url, 'Publish hall');
    const [a, b] = await twoFacilitators(asm);
    await post(`/a/${asm.id}/minutes/edit`, a, { intent: 'save', markdown: 'Draft of Amina', revision: '0' });
    const stale = await post(`/a/${asm.id}/minutes/edit`, b, { intent: 'publish', markdown: 'Bao publishes this', revision: '0' });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain('Bao publishes this');
    expect(html).toContain('Draft of Amina');
    // A form from before drafts (no revision) may not clear a draft it never saw.
    expect((await post(`/a/${asm.id}/minutes/edit`, b, { intent: 'publish', markdown: 'Old form' })).status).toBe(409);
    expect((await fetch(`${server.url}/a/${asm.id}/minutes`, { headers: { cookie: a } })).status).toBe(200);
    expect(await (await fetch(`${server.url}/a/${asm.id}/minutes.md`, { headers: { cookie: a } })).text()).not.toContain('Bao publishes this');
    const ok = await post(`/a/${asm.id}/minutes/edit`, a, { intent: 'publish', markdown: 'Draft of Amina, final', revision: '1' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/a/${asm.id}/minutes?v=1`);
    expect(await stored(asm.id, a)).toMatchObject({ markdown: null, revision: 2 });
    const after = await editPage(asm.id, b);
    expect(after).toContain('Draft of Amina, final'); // the box starts from the published text
    expect(after).not.toContain('data-testid="draft-conflict"');
    // With no draft, a form without a revision still publishes (as before drafts).
    expect((await post(`/a/${asm.id}/minutes/edit`, b, { intent: 'publish', markdown: 'Version two' })).status).toBe(303);
  });
});

describe('[D4] discarding asks first and is revision-checked', () => {
  it('[D4] "discard" asks for confirmation; confirmed from the current revision it deletes the draft; from an old one it is a 409', async () => {
    const asm = await createAssembly(server.url, 'Discard hall');
    const [a, b] = await twoFacilitators(asm);
    await post(`/a/${asm.id}/minutes/edit`, a, { intent: 'save', markdown: 'Keep me maybe', revision: '0' });
    const ask = await post(`/a/${asm.id}/minutes/edit`, a, { intent: 'discard', markdown: 'Keep me maybe', revision: '1' });
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('data-testid="discard-confirm"');
    expect(await stored(asm.id, a)).toMatchObject({ markdown: 'Keep me maybe' });
    await post(`/a/${asm.id}/minutes/edit`, b, { intent: 'save', markdown: 'Bao edited it', revision: '1' });
    const stale = await post(`/a/${asm.id}/minutes/edit`, a, { intent: 'discard', confirm: 'yes', revision: '1' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Bao edited it');
    expect(await stored(asm.id, a)).toMatchObject({ markdown: 'Bao edited it', revision: 2 });
    const done = await post(`/a/${asm.id}/minutes/edit`, a, { intent: 'discard', confirm: 'yes', revision: '2' });
    expect(done.status).toBe(303);
    expect(await stored(asm.id, a)).toMatchObject({ markdown: null, revision: 3 });
    expect(await editPage(asm.id, b)).not.toContain('Bao edited it');
  });
});

describe('[D2] hostile requests', () => {
  let asm: CreatedAssembly;
  let facilitator: string;
  beforeAll(async () => {
    asm = await createAssembly(server.url, 'Hostile hall');
    facilitator = await jar(asm.facilitatorToken);
    await post(`/a/${asm.id}/minutes/edit`, facilitator, { intent: 'save', markdown: 'The real draft', revision: '0' });
  });

  it('[D2] other roles, another assembly and no link get 403/401, for reading and for every write; the draft is untouched', async () => {
    const other = await createAssembly(server.url, 'Other hall');
    const cookies: [string, string, number][] = [
      ['attendee', await jar(asm.attendeeToken), 403],
      ['stack-keeper', await jar((await mintLink(server.url, asm, { role: 'stack-keeper' })).token), 403],
      ['note-taker', await jar((await mintLink(server.url, asm, { role: 'note-taker', scope: 'plenary' })).token), 403],
      ['reader', await jar((await mintLink(server.url, asm, { role: 'reader' })).token), 403],
      // Another assembly's facilitator cookie is not a cookie for this one.
      ['other facilitator', await jar(other.facilitatorToken), 401],
      ['nobody', '', 401],
    ];
    for (const [who, cookie, status] of cookies) {
      expect((await fetch(`${server.url}/a/${asm.id}/minutes/draft`, { headers: { cookie } })).status, who).toBe(status);
      expect((await fetch(`${server.url}/a/${asm.id}/minutes/edit`, { headers: { cookie } })).status, who).toBe(status);
      expect((await post(`/a/${asm.id}/minutes/draft`, cookie, { markdown: 'forged', revision: '1' })).status, who).toBe(status);
      for (const intent of ['save', 'publish', 'discard']) {
        expect(
          (await post(`/a/${asm.id}/minutes/edit`, cookie, { intent, markdown: 'forged', revision: '1', confirm: 'yes' })).status,
          `${who} ${intent}`,
        ).toBe(status);
      }
    }
    // A bearer token of another assembly's facilitator is refused as well.
    const bearer = await fetch(`${server.url}/a/${asm.id}/minutes/draft`, { headers: { authorization: `Bearer ${other.facilitatorToken}` } });
    expect([401, 403]).toContain(bearer.status);
    expect(await stored(asm.id, facilitator)).toMatchObject({ markdown: 'The real draft', revision: 1 });
  });

  it('[D2] a save from another site with the facilitator’s cookie is a 403 and changes nothing', async () => {
    for (const path of ['edit', 'draft']) {
      const res = await fetch(`${server.url}/a/${asm.id}/minutes/${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie: facilitator },
        body: new URLSearchParams({ intent: 'save', markdown: 'cross-site', revision: '1' }),
      });
      expect(res.status, path).toBe(403);
    }
    expect(await stored(asm.id, facilitator)).toMatchObject({ markdown: 'The real draft', revision: 1 });
  });

  it('[D2] a bad revision is a 400 (never a 500) that keeps the text; nothing is stored', async () => {
    for (const revision of ['abc', '-1', '1.5', '1e3', ' 1', '', '9999999999999999', '0x1', ['1', '1']]) {
      for (const path of ['edit', 'draft']) {
        const res = await post(`/a/${asm.id}/minutes/${path}`, facilitator, { intent: 'save', markdown: 'Bad revision text', revision });
        expect(res.status, `${path} ${JSON.stringify(revision)}`).toBe(400);
        if (path === 'edit') expect(await res.text()).toContain('Bad revision text');
      }
    }
    for (const intent of ['publish', 'discard']) {
      expect((await post(`/a/${asm.id}/minutes/edit`, facilitator, { intent, markdown: 'x', revision: 'nope', confirm: 'yes' })).status).toBe(400);
    }
    // A save without a revision may not overwrite a draft it never saw.
    expect((await post(`/a/${asm.id}/minutes/edit`, facilitator, { intent: 'save', markdown: 'blind' })).status).toBe(409);
    expect((await post(`/a/${asm.id}/minutes/draft`, facilitator, { markdown: 'blind' })).status).toBe(400);
    expect(await stored(asm.id, facilitator)).toMatchObject({ markdown: 'The real draft', revision: 1 });
  });

  it('[D2] too long is a 400 (over 500,000 characters) or a 413 (over the body limit); a save without text is a 400', async () => {
    const long = 'a'.repeat(500_001);
    expect((await post(`/a/${asm.id}/minutes/draft`, facilitator, { markdown: long, revision: '1' })).status).toBe(400);
    expect((await post(`/a/${asm.id}/minutes/edit`, facilitator, { intent: 'save', markdown: long, revision: '1' })).status).toBe(400);
    for (const path of ['edit', 'draft']) {
      // A body declared larger than the editor's limit is refused before a byte of it is read.
      expect(await declaredTooLarge(`/a/${asm.id}/minutes/${path}`, facilitator), path).toBe(413);
    }
    expect((await post(`/a/${asm.id}/minutes/draft`, facilitator, { revision: '1' })).status).toBe(400);
    expect((await post(`/a/${asm.id}/minutes/edit`, facilitator, { intent: 'save', revision: '1' })).status).toBe(400);
    // The longest allowed draft is taken whole (accented, as typed).
    const longest = 'ñ'.repeat(500_000);
    const ok = await post(`/a/${asm.id}/minutes/draft`, facilitator, { markdown: longest, revision: '1' });
    expect(ok.status).toBe(200);
    expect((await stored(asm.id, facilitator)).markdown).toBe(longest);
  });
});
