/**
 * Attacks on interpreters and translations (issue 14, ADR 025) against a real server: a leaked
 * interpreter link, a facilitator, a stack-keeper, an attendee, a reader and no link at all,
 * with crafted form posts, crafted Yjs updates and raw sockets. What holds is kept here where it
 * guards something likely to regress; each hole found has its test first, then its fix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { spawnServer } from '../helpers/child-server.js';
import { closeCodeOf, connect, eventually, rawSocket } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, tempDataDir, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { useRoom } from '../helpers/room.js';
import { addItem, readAgenda, removeItem } from '../../app/model/agenda.js';
import { interpretedLanguages, itemDescriptionKey, itemTitleKey, readTranslations, translationsDocName } from '../../app/model/translations.js';

const room = useRoom('Interpreted under attack');

async function interpreterLink(asm: CreatedAssembly, language: string, server: TestServer = room.server) {
  return mintLink(server.url, asm, { role: 'interpreter', scope: language });
}

async function interpreter(language: string, asm: CreatedAssembly = room.asm, server: TestServer = room.server): Promise<Phone> {
  const phone = new Phone(server.url);
  expect(await phone.join((await interpreterLink(asm, language, server)).token)).toBe(303);
  return phone;
}

/** An item the room has, seen by the server (a save names only texts the server has). */
async function itemWith(title: string, extra: { description?: string } = {}): Promise<string> {
  const id = addItem(room.plenary.doc, { title, kind: 'discussion', minutes: 10, ...extra });
  const check = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.attendeeToken);
  try {
    await check.synced;
    await eventually(() => expect(readAgenda(check.doc).some((i) => i.id === id)).toBe(true));
  } finally {
    check.destroy();
  }
  return id;
}

/** A save as a script sends it: the single-fetch data address, no page rendered. */
const save = (phone: Phone, form: Record<string, string>, asmId = room.asm.id) => phone.post(`/a/${asmId}/interpret.data?index`, { base: '', ...form });

async function translationsOf(language: string, asm: CreatedAssembly = room.asm, server: TestServer = room.server) {
  const reader = connect(server.syncUrl, translationsDocName(asm.id, language), asm.attendeeToken);
  await reader.synced;
  return reader;
}

describe('a leaked interpreter link stays inside its own language and assembly', () => {
  it('[P31] [P32] cannot write into another assembly’s translations, by cookie or by bearer token', async () => {
    const other = await createAssembly(room.server.url, 'Another assembly');
    const otherPlenary = connect(room.server.syncUrl, `${other.id}/plenary`, other.facilitatorToken);
    await otherPlenary.synced;
    const theirs = addItem(otherPlenary.doc, { title: 'Their item', kind: 'discussion', minutes: 5 });
    const link = await interpreterLink(room.asm, 'so');
    const byCookie = new Phone(room.server.url);
    await byCookie.join(link.token);
    const byBearer = new Phone(room.server.url, link.token);
    try {
      await eventually(async () => {
        const res = await fetch(`${room.server.url}/a/${other.id}/interpret`, { headers: { authorization: `Bearer ${other.attendeeToken}` } });
        expect(res.status).toBe(403); // the other assembly is up; its attendee is refused as usual
      });
      const form = { key: itemTitleKey(theirs), from: 'Their item', text: 'Shisheeye' };
      expect((await save(byCookie, form, other.id)).status).toBe(401);
      expect((await save(byBearer, form, other.id)).status).toBe(401);
      // Their key posted to this assembly names no text here.
      expect((await save(byCookie, form)).status).toBe(404);
      const somali = await translationsOf('so', other);
      try {
        expect(readTranslations(somali.doc).size).toBe(0);
      } finally {
        somali.destroy();
      }
      // Nor does the socket open their documents.
      const ws = await rawSocket(room.server.syncUrl, translationsDocName(other.id, 'so'), link.token);
      expect((await closeCodeOf(ws)).code).toBe(4403);
    } finally {
      otherPlenary.destroy();
    }
  });

  it('[P32] opens no page of another role, casts nothing, raises no hand, takes no seat, mints no link', async () => {
    const so = await interpreter('so');
    const link = await interpreterLink(room.asm, 'so');
    const a = `/a/${room.asm.id}`;
    for (const path of ['', '/command', '/codes', '/minutes/draft', '/minutes/edit', '/breakout/g1', '/notes', '/roll', '/stack', '/facilitate']) {
      const res = await so.get(`${a}${path}`);
      await res.arrayBuffer();
      expect(res.status, `GET ${path}`).toBe(403);
    }
    // What every plenary reader opens, it opens too ([X21], [H1]): the projector and the published minutes.
    for (const path of ['/screen', '/minutes']) {
      const res = await so.get(`${a}${path}`);
      await res.arrayBuffer();
      expect(res.status, `GET ${path}`).toBe(200);
    }
    const commands: Record<string, string>[] = [
      { intent: 'raise', name: 'Mallory' },
      { intent: 'join-table', table: 'g1' },
      { intent: 'vote', proposalId: 'p1', choice: 'for' },
      { intent: 'redeem', code: 'AAAAA-AAAAA' },
    ];
    for (const form of commands) {
      for (const path of [`${a}/command`, `${a}?index`]) {
        const res = await so.post(path, { commandId: `c-${form.intent}`, ...form });
        await res.arrayBuffer();
        expect(res.status, `${path} ${form.intent}`).toBe(403);
      }
    }
    const code = await so.post(`${a}/code`, { intent: 'redeem', code: 'AAAAA-AAAAA' });
    await code.arrayBuffer();
    expect(code.status).toBe(403);
    const mint = await so.post(`${a}/facilitate`, { intent: 'mint', role: 'facilitator' });
    await mint.arrayBuffer();
    expect(mint.status).toBe(403);
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', JSON.stringify({ role: 'facilitator' })],
    ] as const) {
      const res = await fetch(`${room.server.url}/api/assemblies/${room.asm.id}/links`, {
        method,
        headers: { authorization: `Bearer ${link.token}`, 'content-type': 'application/json' },
        body,
      });
      expect(res.status, method).toBe(403);
    }
  });

  it('[W2] a cross-site form post with a held interpreter session saves nothing', async () => {
    const id = await itemWith('Cross-site');
    const link = await interpreterLink(room.asm, 'so');
    // The browser holds the interpreter's session cookie; another site's page posts a form to us.
    const joined = await fetch(`${room.server.url}/join/${link.token}`, { redirect: 'manual' });
    const cookie = joined.headers.getSetCookie()[0].split(';')[0];
    for (const headers of [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }] as Record<string, string>[]) {
      const res = await fetch(`${room.server.url}/a/${room.asm.id}/interpret?index`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ key: itemTitleKey(id), from: 'Cross-site', text: 'forged', base: '' }),
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    const somali = await translationsOf('so');
    try {
      expect(readTranslations(somali.doc).has(itemTitleKey(id))).toBe(false);
    } finally {
      somali.destroy();
    }
  });
});

describe('[P33] the interpreted-languages root is the server’s', () => {
  it('a stack-keeper’s socket cannot add or remove a language there', async () => {
    const id = await itemWith('Marked');
    const so = await interpreter('so');
    expect((await save(so, { key: itemTitleKey(id), from: 'Marked', text: 'Calaamadeysan' })).status).toBe(200);
    await eventually(() => expect(interpretedLanguages(room.plenary.doc)).toContain('so'));
    const keeper = await mintLink(room.server.url, room.asm, { role: 'stack-keeper' });
    for (const forge of [(d: Y.Doc) => d.getMap('interpreted').set('xx', true), (d: Y.Doc) => d.getMap('interpreted').delete('so')]) {
      const client = connect(room.server.syncUrl, `${room.asm.id}/plenary`, keeper.token);
      await client.synced;
      forge(client.doc);
      expect((await client.closed).code).toBe(4400);
      client.destroy();
    }
    // The facilitator removing the server's mark is refused as well.
    const facilitator = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.facilitatorToken);
    await facilitator.synced;
    facilitator.doc.getMap('interpreted').delete('so');
    expect((await facilitator.closed).code).toBe(4400);
    facilitator.destroy();
    expect(interpretedLanguages(room.plenary.doc)).toEqual(expect.arrayContaining(['so']));
    expect(interpretedLanguages(room.plenary.doc)).not.toContain('xx');
  });
});

describe('what a translation can carry', () => {
  it('[L15] markup and script in a translation reach pages as text, in the page and in a refused save', async () => {
    const id = await itemWith('Markup');
    const so = await interpreter('so');
    const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';
    const saved = await so.post(`/a/${room.asm.id}/interpret?index`, { key: itemTitleKey(id), from: 'Markup', text: hostile, base: '' });
    expect(saved.status).toBe(200);
    for (const html of [await saved.text(), await (await so.get(`/a/${room.asm.id}/interpret`)).text()]) {
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src=x');
    }
    // A refused save sends the text back into the page: still as text.
    const refused = await so.post(`/a/${room.asm.id}/interpret?index`, { key: itemTitleKey(id), from: 'Markup', text: hostile, base: '' });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
  });
});

describe('[A4] a revoked interpreter link', () => {
  it('answers 401 on its page and its saves, and its sockets close with 4401', async () => {
    const id = await itemWith('Revoked');
    const link = await interpreterLink(room.asm, 'ar');
    const ar = new Phone(room.server.url);
    await ar.join(link.token);
    expect((await ar.get(`/a/${room.asm.id}/interpret`)).status).toBe(200);
    const plenary = connect(room.server.syncUrl, `${room.asm.id}/plenary`, link.token);
    const translations = connect(room.server.syncUrl, translationsDocName(room.asm.id, 'ar'), link.token);
    await Promise.all([plenary.synced, translations.synced]);
    const revoked = await fetch(`${room.server.url}/api/assemblies/${room.asm.id}/links/${link.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${room.asm.facilitatorToken}` },
    });
    expect(revoked.status).toBe(204);
    expect((await plenary.closed).code).toBe(4401);
    expect((await translations.closed).code).toBe(4401);
    plenary.destroy();
    translations.destroy();
    expect((await ar.get(`/a/${room.asm.id}/interpret`)).status).toBe(401);
    expect((await save(ar, { key: itemTitleKey(id), from: 'Revoked', text: 'مسحوب' })).status).toBe(401);
    const ws = await rawSocket(room.server.syncUrl, translationsDocName(room.asm.id, 'ar'), link.token);
    expect((await closeCodeOf(ws)).code).toBe(4401);
  });
});

describe('[P31] a flood of saves', () => {
  it('writes the plenary once per language, not once per save', async () => {
    const id = await itemWith('Flood');
    const hmn = await interpreter('hmn');
    const plenaryName = `${room.asm.id}/plenary`;
    expect((await save(hmn, { key: itemTitleKey(id), from: 'Flood', text: 'Dej nyab 0' })).status).toBe(200);
    const before = (await room.server.store.loadDoc(plenaryName)).lastSeq;
    const reader = await translationsOf('hmn');
    try {
      for (let i = 1; i <= 20; i++) {
        const base = String(readTranslations(reader.doc).get(itemTitleKey(id))?.at ?? '');
        expect((await save(hmn, { key: itemTitleKey(id), from: 'Flood', text: `Dej nyab ${i}`, base })).status).toBe(200);
        await eventually(() => expect(readTranslations(reader.doc).get(itemTitleKey(id))?.text).toBe(`Dej nyab ${i}`));
      }
    } finally {
      reader.destroy();
    }
    // Every phone in the room holds the plenary: a save must not be broadcast to all of them.
    expect((await room.server.store.loadDoc(plenaryName)).lastSeq).toBe(before);
  });
});

describe('[X4] deleting the assembly', () => {
  it('takes its translations with it: sockets close with 4404, storage holds no row of them, the page is gone', async () => {
    const server = await startTestServer({ remix: 'build' });
    try {
      const asm = await createAssembly(server.url, 'Doomed and translated');
      const plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
      await plenary.synced;
      const id = addItem(plenary.doc, { title: 'Doomed item', kind: 'discussion', minutes: 5 });
      const so = await interpreter('so', asm, server);
      await eventually(async () =>
        expect((await save(so, { key: itemTitleKey(id), from: 'Doomed item', text: 'Qodob Marigold-5521' }, asm.id)).status).toBe(200),
      );
      const name = translationsDocName(asm.id, 'so');
      expect((await server.store.loadDoc(name)).updates.length).toBeGreaterThan(0);
      const watcher = await translationsOf('so', asm, server);
      const res = await fetch(`${server.url}/a/${asm.id}/facilitate`, {
        method: 'POST',
        redirect: 'manual',
        headers: { authorization: `Bearer ${asm.facilitatorToken}` },
        body: new URLSearchParams({ intent: 'delete', confirm: 'Doomed and translated' }),
      });
      expect(res.status).toBe(303);
      expect((await watcher.closed).code).toBe(4404);
      watcher.destroy();
      plenary.destroy();
      const stored = await server.store.loadDoc(name);
      expect(stored.snapshot).toBeNull();
      expect(stored.updates.length).toBe(0);
      expect((await so.get(`/a/${asm.id}/interpret`)).status).toBe(404);
      expect((await save(so, { key: itemTitleKey(id), from: 'Doomed item', text: 'again' }, asm.id)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('[P45] [B8] one language’s translations are bounded like any document', () => {
  it('a leaked link filling every text with 4,000 characters stops at 2 MiB with a 413; shorter saves, removals and translations of removed texts make room', async () => {
    const server = await startTestServer({ remix: 'build' });
    try {
      const asm = await createAssembly(server.url, 'A long agenda');
      const plenary = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
      await plenary.synced;
      // A long but ordinary agenda: 180 items with titles of under 200 characters (60 KB of plenary).
      const titles = Array.from({ length: 180 }, (_, i) => `Item ${i} ${'ሀ'.repeat(100)}`);
      const ids: string[] = [];
      plenary.doc.transact(() => titles.forEach((title) => ids.push(addItem(plenary.doc, { title, kind: 'discussion', minutes: 5 }))));
      const am = await interpreter('am', asm, server);
      const check = connect(server.syncUrl, `${asm.id}/plenary`, asm.attendeeToken);
      await check.synced;
      await eventually(() => expect(readAgenda(check.doc).length).toBe(titles.length));
      check.destroy();
      // Each "translation" is 4,000 three-byte characters: 12 KB for a title of 100 letters.
      const statuses: number[] = [];
      for (const [i, id] of ids.entries()) {
        const res = await save(am, { key: itemTitleKey(id), from: titles[i], text: '፩'.repeat(4000) }, asm.id);
        await res.arrayBuffer();
        statuses.push(res.status);
        if (res.status !== 200) break;
      }
      expect(statuses.at(-1)).toBe(413);
      expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
      const reader = await translationsOf('am', asm, server);
      try {
        const stored = Y.encodeStateAsUpdate(reader.doc).length;
        expect(stored).toBeLessThanOrEqual(2 * 1024 * 1024);
        // A shorter translation of a text that has one, and a removal, still go through: the
        // interpreters (and the facilitator, after revoking the link) can make room.
        const first = readTranslations(reader.doc).get(itemTitleKey(ids[0]))!;
        expect((await save(am, { key: itemTitleKey(ids[0]), from: titles[0], text: 'Qodob', base: String(first.at) }, asm.id)).status).toBe(200);
        const second = readTranslations(reader.doc).get(itemTitleKey(ids[1]))!;
        expect((await save(am, { key: itemTitleKey(ids[1]), from: titles[1], text: '', base: String(second.at) }, asm.id)).status).toBe(200);
        // The refused text left nothing behind.
        const refusedKey = itemTitleKey(ids[statuses.length - 1]);
        expect(readTranslations(reader.doc).has(refusedKey)).toBe(false);
        // The facilitator removes the vandalised items. Their translations name no text any more, so
        // no interpreter can remove them (404): they must not keep the language full for good.
        plenary.doc.transact(() => ids.slice(2).forEach((gone) => removeItem(plenary.doc, gone)));
        const fresh = [1, 2, 3, 4].map((n) => addItem(plenary.doc, { title: `After the cleanup ${n}`, kind: 'discussion', minutes: 5 }));
        for (const [n, item] of fresh.entries()) {
          await eventually(async () => {
            const res = await save(am, { key: itemTitleKey(item), from: `After the cleanup ${n + 1}`, text: 'ሀ'.repeat(4000) }, asm.id);
            await res.arrayBuffer();
            expect(res.status).toBe(200);
          });
        }
        await eventually(() => expect(fresh.every((item) => readTranslations(reader.doc).has(itemTitleKey(item)))).toBe(true));
        expect(Y.encodeStateAsUpdate(reader.doc).length).toBeLessThan(256 * 1024);
        // What the room still has keeps its translation.
        expect(readTranslations(reader.doc).get(itemTitleKey(ids[0]))?.text).toBe('Qodob');
      } finally {
        reader.destroy();
        plenary.destroy();
      }
    } finally {
      await server.close();
    }
  }, 120_000);
});

describe('[P31] every text the room can hold can be translated', () => {
  it('a description of 4,500 characters (a facilitator may write 5,000) is translated, not refused as unreadable', async () => {
    const long = `${'Dues and the strike fund. '.repeat(173)}End.`;
    expect(long.length).toBeGreaterThan(4000);
    expect(long.length).toBeLessThanOrEqual(5000);
    const id = await itemWith('Long description', { description: long });
    const om = await interpreter('om');
    const res = await save(om, { key: itemDescriptionKey(id), from: long, text: 'Kaffaltii miseensaa fi kuusaa lakkisiisa hojii.' });
    expect(res.status).toBe(200);
    const oromo = await translationsOf('om');
    try {
      await eventually(() => expect(readTranslations(oromo.doc).get(itemDescriptionKey(id))?.source).toBe(long));
    } finally {
      oromo.destroy();
    }
    // Past the longest text any writer may type, it is still a clear 400.
    expect((await save(om, { key: itemDescriptionKey(id), from: 'x'.repeat(5001), text: 'y' })).status).toBe(400);
  });
});

describe('[D1] [P30] a language a union adds through LOCALES_DIR', () => {
  it('with three subtags (the catalogues allow any number) gets an interpreter page, not a 500, and its translations reach phones', async () => {
    const locales = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-locales-'));
    fs.writeFileSync(
      path.join(locales, 'sr-Latn-RS-x1.json'),
      JSON.stringify({ _meta: { name: 'Srpski', english: 'Serbian', dir: 'ltr', status: 'test fixture' } }),
    );
    const server = await spawnServer(tempDataDir('plenary-tags-'), { LOCALES_DIR: locales });
    try {
      const asm = await createAssembly(server.url, 'Tagged');
      const plenary = connect(server.url.replace('http', 'ws') + '/sync', `${asm.id}/plenary`, asm.facilitatorToken);
      await plenary.synced;
      const id = addItem(plenary.doc, { title: 'Wages', kind: 'discussion', minutes: 5 });
      // The console offers every loaded language for an interpreter link.
      const facilitator = new Phone(server.url, asm.facilitatorToken);
      // (The data address answers the action alone: the page would show the room's join link too.)
      const minted = await facilitator.post(`/a/${asm.id}/facilitate.data`, {
        intent: 'mint',
        role: 'interpreter',
        language: 'sr-Latn-RS-x1',
        label: '',
        scope: '',
      });
      expect(minted.status).toBe(200);
      const token = /\/join\/([A-Za-z0-9_-]{43})/.exec(await minted.text())![1];
      const sr = new Phone(server.url);
      expect(await sr.join(token)).toBe(303);
      const page = await sr.get(`/a/${asm.id}/interpret`);
      expect(page.status).toBe(200);
      await page.arrayBuffer();
      await eventually(async () => expect((await save(sr, { key: itemTitleKey(id), from: 'Wages', text: 'Plate' }, asm.id)).status).toBe(200));
      await eventually(() => expect(interpretedLanguages(plenary.doc)).toContain('sr-Latn-RS-x1'));
      const reader = connect(server.url.replace('http', 'ws') + '/sync', translationsDocName(asm.id, 'sr-Latn-RS-x1'), asm.attendeeToken);
      try {
        await reader.synced;
        expect(readTranslations(reader.doc).get(itemTitleKey(id))?.text).toBe('Plate');
      } finally {
        reader.destroy();
        plenary.destroy();
      }
    } finally {
      server.process.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);
});

describe('[L23] saves racing each other', () => {
  it('ten saves over the same translation at once: exactly one is stored, the others are 409s naming it', async () => {
    const id = await itemWith('Raced');
    const interpreters = await Promise.all(Array.from({ length: 10 }, () => interpreter('vi')));
    const answers = await Promise.all(
      interpreters.map(async (phone, i) => {
        const res = await save(phone, { key: itemTitleKey(id), from: 'Raced', text: `Bản dịch ${i}` });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(answers.filter((s) => s === 200)).toHaveLength(1);
    expect(answers.filter((s) => s === 409)).toHaveLength(9);
    const vietnamese = await translationsOf('vi');
    try {
      expect(readTranslations(vietnamese.doc).get(itemTitleKey(id))?.text).toBe(`Bản dịch ${answers.indexOf(200)}`);
    } finally {
      vietnamese.destroy();
    }
  });
});

describe('[P31] [K11] a save while the server cannot store', () => {
  it('is a 503 with Retry-After and the interpreter’s text sent back, with and without JavaScript', async () => {
    const id = await itemWith('Disk full');
    const ti = await interpreter('ti');
    const original = room.server.store.appendUpdates.bind(room.server.store);
    room.server.store.appendUpdates = async () => {
      throw new Error('disk full');
    };
    try {
      for (const path of [`/a/${room.asm.id}/interpret.data?index`, `/a/${room.asm.id}/interpret?index`]) {
        const res = await ti.post(path, { key: itemTitleKey(id), from: 'Disk full', text: 'ዝተመልአ', base: '' });
        expect(res.status, path).toBe(503);
        expect(Number(res.headers.get('retry-after')), path).toBeGreaterThanOrEqual(1);
        expect(await res.text(), path).toContain('ዝተመልአ');
      }
    } finally {
      room.server.store.appendUpdates = original;
    }
  });
});

describe('[P30] minting on the console', () => {
  it('takes only a loaded language; a scope smuggled beside it is ignored', async () => {
    const facilitator = new Phone(room.server.url, room.asm.facilitatorToken);
    const mint = (form: Record<string, string>) =>
      facilitator.post(`/a/${room.asm.id}/facilitate.data`, { intent: 'mint', role: 'interpreter', label: '', ...form });
    for (const language of ['', 'xx', 'SO', '../plenary', 'so/../ar']) {
      const res = await mint({ language, scope: 'so' });
      await res.arrayBuffer();
      expect(res.status, language).toBe(400);
    }
    const res = await mint({ language: 'so', scope: 'ar' });
    expect(res.status).toBe(200);
    const token = /\/join\/([A-Za-z0-9_-]{43})/.exec(await res.text())![1];
    // What the link opens decides: the Somali desk, saving into Somali.
    const so = new Phone(room.server.url);
    expect(await so.join(token)).toBe(303);
    const page = await so.get(`/a/${room.asm.id}/interpret`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Interpreting into Soomaali');
  });
});
