/**
 * Interpreters against a real server ([P30]–[P34], [L20]–[L23]): a link per language, minted by a
 * facilitator; saves go through the interpreter's page as plain form posts (what a phone without
 * JavaScript sends, and what a script would craft), the language always the link's; every other
 * role is refused; no socket writes a translation; the room reads them live.
 */
import { describe, expect, it } from 'vitest';
import { connect, eventually, rawSocket, closeCodeOf } from '../helpers/clients.js';
import { mintLink } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { useRoom } from '../helpers/room.js';
import { addItem, editItem, readAgenda } from '../../app/model/agenda.js';
import { setAnnouncement } from '../../app/model/run.js';
import { interpretedLanguages, itemTitleKey, ANNOUNCEMENT_KEY, readTranslations, shown } from '../../app/model/translations.js';

const room = useRoom('Translated assembly');

async function interpreter(language: string): Promise<Phone> {
  const link = await mintLink(room.server.url, room.asm, { role: 'interpreter', scope: language });
  const phone = new Phone(room.server.url);
  expect(await phone.join(link.token)).toBe(303);
  return phone;
}

const save = (phone: Phone, form: Record<string, string>) => phone.post(`/a/${room.asm.id}/interpret?index`, { base: '', ...form });

/** The plenary as the facilitator's client has it, with one item titled `title`. */
function itemWith(title: string): string {
  return addItem(room.plenary.doc, { title, kind: 'discussion', minutes: 10 });
}

async function translationsOf(language: string) {
  const reader = connect(room.server.syncUrl, `${room.asm.id}/translations/${language}`, room.asm.attendeeToken);
  await reader.synced;
  return reader;
}

describe('[P30] interpreter links', () => {
  it('are minted per language; a missing or malformed language is a 400', async () => {
    const post = (body: unknown) =>
      fetch(`${room.server.url}/api/assemblies/${room.asm.id}/links`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${room.asm.facilitatorToken}` },
        body: JSON.stringify(body),
      });
    expect((await post({ role: 'interpreter', scope: 'so' })).status).toBe(201);
    for (const scope of [undefined, '', 'SO', 'somali!', '../plenary', 'x'.repeat(65)]) {
      const res = await post({ role: 'interpreter', scope });
      expect(res.status, String(scope)).toBe(400);
    }
    expect((await post({ role: 'stack-keeper', scope: 'so' })).status).toBe(400);
  });

  it('open the interpreter page, which only interpreters may open', async () => {
    const so = await interpreter('so');
    const page = await so.get(`/a/${room.asm.id}/interpret`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Soomaali');
    const attendee = new Phone(room.server.url);
    await attendee.join(room.asm.attendeeToken);
    expect((await attendee.get(`/a/${room.asm.id}/interpret`)).status).toBe(403);
    // And an interpreter opens no facilitator's or note-taker's page.
    for (const path of ['facilitate', 'stack', 'notes', 'roll']) expect((await so.get(`/a/${room.asm.id}/${path}`)).status, path).toBe(403);
  });
});

describe('[P31] an interpreter writes translations into their own language only', () => {
  it('saves into the link’s language; a language in the form is ignored', async () => {
    const id = itemWith('Strike fund');
    const so = await interpreter('so');
    const res = await save(so, { key: itemTitleKey(id), from: 'Strike fund', text: 'Sanduuqa shaqo joojinta', language: 'ar' });
    expect(res.status).toBe(200);
    const somali = await translationsOf('so');
    const arabic = await translationsOf('ar');
    try {
      expect(readTranslations(somali.doc).get(itemTitleKey(id))).toMatchObject({ text: 'Sanduuqa shaqo joojinta', source: 'Strike fund' });
      expect(readTranslations(arabic.doc).size).toBe(0);
      // [L22] the plenary now says Somali has translations; clients cannot write that themselves.
      await eventually(() => expect(interpretedLanguages(room.plenary.doc)).toContain('so'));
    } finally {
      somali.destroy();
      arabic.destroy();
    }
  });

  it('[P32] every other role is refused, whatever the form says', async () => {
    const id = itemWith('Picket rota');
    const form = { key: itemTitleKey(id), from: 'Picket rota', text: 'Jadwalka' };
    const facilitator = new Phone(room.server.url);
    await facilitator.join(room.asm.facilitatorToken);
    const attendee = new Phone(room.server.url);
    await attendee.join(room.asm.attendeeToken);
    const keeper = new Phone(room.server.url);
    await keeper.join((await mintLink(room.server.url, room.asm, { role: 'stack-keeper' })).token);
    const reader = new Phone(room.server.url);
    await reader.join((await mintLink(room.server.url, room.asm, { role: 'reader' })).token);
    const stranger = new Phone(room.server.url);
    for (const [who, phone, status] of [
      ['facilitator', facilitator, 403],
      ['attendee', attendee, 403],
      ['stack-keeper', keeper, 403],
      ['reader', reader, 403],
      ['no link', stranger, 401],
    ] as const) {
      const res = await save(phone, form);
      expect(res.status, who).toBe(status);
    }
    const somali = await translationsOf('so');
    try {
      expect(readTranslations(somali.doc).has(itemTitleKey(id))).toBe(false);
    } finally {
      somali.destroy();
    }
  });

  it('[P33] no socket writes a translation, nor the list of interpreted languages', async () => {
    // A facilitator's socket is a writer of the plenary: its update to the server-kept root is refused.
    const forger = connect(room.server.syncUrl, `${room.asm.id}/plenary`, room.asm.facilitatorToken);
    await forger.synced;
    forger.doc.getMap('interpreted').set('xx', true);
    expect((await forger.closed).code).toBe(4400);
    forger.destroy();
    expect(interpretedLanguages(room.plenary.doc)).not.toContain('xx');

    // The translations document is read-only to every link, the interpreter's included: a write
    // over the socket is dropped. The save after it (through the command) is the barrier.
    const so = await interpreter('so');
    const link = await mintLink(room.server.url, room.asm, { role: 'interpreter', scope: 'so' });
    const socket = connect(room.server.syncUrl, `${room.asm.id}/translations/so`, link.token);
    const somali = await translationsOf('so');
    try {
      await socket.synced;
      const id = itemWith('Forged or not');
      socket.doc.getMap('translations').set(itemTitleKey(id), { text: 'forged', source: 'Forged or not', at: 1 });
      socket.doc.getMap('translations').set('announcement', { text: 'forged', source: 'x', at: 1 });
      await eventually(async () => expect((await save(so, { key: itemTitleKey(id), from: 'Forged or not', text: 'real' })).status).toBe(200));
      await eventually(() => expect(readTranslations(somali.doc).get(itemTitleKey(id))?.text).toBe('real'));
      expect(readTranslations(somali.doc).get('announcement')?.text).not.toBe('forged');
    } finally {
      socket.destroy();
      somali.destroy();
    }
  });

  it('[P34] an interpreter reads what an attendee reads: the plenary, not the notes', async () => {
    const link = await mintLink(room.server.url, room.asm, { role: 'interpreter', scope: 'so' });
    const plenary = connect(room.server.syncUrl, `${room.asm.id}/plenary`, link.token);
    await plenary.synced;
    plenary.destroy();
    for (const doc of [`${room.asm.id}/notes/i1`, `${room.asm.id}/breakout/g1`]) {
      const ws = await rawSocket(room.server.syncUrl, doc, link.token);
      expect((await closeCodeOf(ws)).code, doc).toBe(4403);
    }
  });
});

describe('[L21] stale and conflicting saves come back with what is there now', () => {
  it('a save made from an original that has changed since is a 409 with the new original', async () => {
    const id = itemWith('Contract vote');
    const so = await interpreter('so');
    editItem(room.plenary.doc, id, { title: 'Contract vote (final)' });
    await eventually(async () => {
      const res = await save(so, { key: itemTitleKey(id), from: 'Contract vote', text: 'Codbixinta heshiiska' });
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain('Contract vote (final)');
      // Without JavaScript the page comes back with what the interpreter wrote.
      expect(html).toContain('Codbixinta heshiiska');
    });
  });

  it('two interpreters of one language: the second save from the old base is a 409 showing the first', async () => {
    const id = itemWith('Next action');
    const [a, b] = [await interpreter('so'), await interpreter('so')];
    await eventually(async () => expect((await save(a, { key: itemTitleKey(id), from: 'Next action', text: 'Ficilka xiga' })).status).toBe(200));
    const res = await save(b, { key: itemTitleKey(id), from: 'Next action', text: 'Tallaabada xigta' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Ficilka xiga');
    const somali = await translationsOf('so');
    try {
      const kept = readTranslations(somali.doc).get(itemTitleKey(id))!;
      expect(kept.text).toBe('Ficilka xiga');
      // Replacing it knowingly names the save it replaces.
      expect((await save(b, { key: itemTitleKey(id), from: 'Next action', text: 'Tallaabada xigta', base: String(kept.at) })).status).toBe(200);
      await eventually(() => expect(readTranslations(somali.doc).get(itemTitleKey(id))?.text).toBe('Tallaabada xigta'));
    } finally {
      somali.destroy();
    }
  });

  it('the announcement: a new one makes the translation out of date', async () => {
    setAnnouncement(room.plenary.doc, 'Lunch at 1');
    const so = await interpreter('so');
    await eventually(async () => expect((await save(so, { key: ANNOUNCEMENT_KEY, from: 'Lunch at 1', text: 'Qadada 1da' })).status).toBe(200));
    setAnnouncement(room.plenary.doc, 'Lunch moved to 2');
    const somali = await translationsOf('so');
    try {
      const t = readTranslations(somali.doc).get(ANNOUNCEMENT_KEY);
      expect(shown('Lunch moved to 2', t)).toMatchObject({ state: 'stale', text: 'Lunch moved to 2', outdated: 'Qadada 1da' });
    } finally {
      somali.destroy();
    }
  });

  it('bad input is a clear 4xx and changes nothing', async () => {
    const so = await interpreter('so');
    const id = itemWith('Hall rules');
    await eventually(() => expect(readAgenda(room.plenary.doc).some((i) => i.id === id)).toBe(true));
    const cases: [Record<string, string>, number][] = [
      [{ key: 'item:nope:title', from: 'x', text: 'y' }, 404],
      [{ key: '', from: 'x', text: 'y' }, 400],
      [{ key: itemTitleKey(id), from: 'Hall rules', text: 'y'.repeat(4001) }, 400],
      [{ key: itemTitleKey(id), from: 'Hall rules', text: 'y', base: 'yesterday' }, 400],
      [{ key: 'k'.repeat(201), from: 'x', text: 'y' }, 400],
    ];
    for (const [form, status] of cases) {
      const res = await so.post(`/a/${room.asm.id}/interpret?index`, { base: '', ...form });
      expect(res.status, JSON.stringify(form).slice(0, 60)).toBe(status);
    }
    const notForm = await so.postRaw(`/a/${room.asm.id}/interpret?index`, '{"key":1}', 'application/json');
    expect(notForm.status).toBe(400);
  });
});
