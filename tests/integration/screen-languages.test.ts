/**
 * The projector's languages ([L50]–[L52]) over real sockets and real HTTP: a facilitator's stock
 * y-websocket client chooses them; a stack-keeper's cannot, nor can anyone write a bad value (the
 * socket is closed, nothing is stored or relayed); and the projector's page, as a browser without
 * JavaScript gets it, carries its labels in both languages, each part marked with `lang` and `dir`.
 * Needs the Remix build (`npm run build`).
 */
import { describe, expect, it } from 'vitest';
import { clientPool, eventually } from '../helpers/clients.js';
import { useRoom } from '../helpers/room.js';
import { mintLink } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { CloseCode } from '../../server/sync/protocol.js';
import { readScreenLanguages, setScreenLanguages } from '../../app/model/screen-languages.js';
import { addItem, editItem } from '../../app/model/agenda.js';
import { goToItem, setAnnouncement } from '../../app/model/run.js';
import { ANNOUNCEMENT_KEY, interpretedLanguages, itemTitleKey } from '../../app/model/translations.js';
import { nextSpeaker, raiseHand } from '../../app/model/stack.js';

const room = useRoom('Languages on the wall');
const pool = clientPool();
const plenary = () => `${room.asm.id}/plenary`;

/** What a fresh facilitator client sees once synced: the stored, relayed truth. */
async function stored(): Promise<string[]> {
  const c = pool.open(room.server.syncUrl, plenary(), room.asm.facilitatorToken);
  await c.synced;
  const codes = readScreenLanguages(c.doc);
  c.destroy();
  return codes;
}

/** The projector's page as an attendee's browser gets it (server-rendered), in English. */
async function screenHtml(): Promise<string> {
  const phone = new Phone(room.server.url);
  expect(await phone.join(room.asm.attendeeToken)).toBe(303);
  const res = await phone.get(`/a/${room.asm.id}/screen`);
  expect(res.status).toBe(200);
  return res.text();
}

it('[L50] a facilitator chooses Somali and English for the projector: stored and relayed, in that order', async () => {
  setScreenLanguages(room.plenary.doc, ['so', 'en']);
  await eventually(async () => expect(await stored()).toEqual(['so', 'en']));
});

it('[L50][F1] a stack-keeper choosing the projector’s languages is cut off (4403); the choice stays', async () => {
  const keeper = pool.open(room.server.syncUrl, plenary(), (await mintLink(room.server.url, room.asm, { role: 'stack-keeper' })).token);
  await keeper.synced;
  keeper.doc.getMap('meta').set('screenLanguages', ['ar']);
  expect((await keeper.closed).code).toBe(CloseCode.forbidden);
  expect(await stored()).toEqual(['so', 'en']);
});

it.each([
  ['three languages', ['so', 'en', 'ar']],
  ['none (clearing deletes the field)', []],
  ['the same language twice', ['so', 'so']],
  ['something that is no language code', ['<img src=x onerror=alert(1)>']],
  ['a code 40 characters long', ['so-' + 'x'.repeat(37)]],
  ['a number', [7]],
  ['a string instead of a list', 'so'],
])('[L50][F3] a facilitator writing %s is refused as malformed (4400); the choice stays', async (_what, value) => {
  const f = pool.open(room.server.syncUrl, plenary(), room.asm.facilitatorToken);
  await f.synced;
  f.doc.getMap('meta').set('screenLanguages', value);
  expect((await f.closed).code).toBe(CloseCode.badRequest);
  expect(await stored()).toEqual(['so', 'en']);
});

it('[L51][L52] the projector’s page, as served: “Now speaking” in Somali and English, each part with its lang and dir', async () => {
  const item = addItem(room.plenary.doc, { title: 'Strike fund', kind: 'discussion', minutes: 10 });
  goToItem(room.plenary.doc, item, Date.now());
  raiseHand(room.plenary.doc, { name: 'Hodan', kind: 'speak' }, Date.now());
  nextSpeaker(room.plenary.doc, Date.now());
  await eventually(async () => expect(await screenHtml()).toContain('Hodan'));
  const html = await screenHtml();
  // Somali's words come from its catalogue, sent to this page by the projector's loader.
  expect(html).toMatch(/<span lang="so" dir="ltr"[^>]*>Hadda hadlaya<\/span>/i);
  expect(html).toMatch(/<span lang="en" dir="ltr"[^>]*>Now speaking<\/span>/);
  expect(html).not.toContain('⟦missing⟧');
});

it('[L51] Arabic and English: the Arabic label runs right to left inside the English page', async () => {
  setScreenLanguages(room.plenary.doc, ['ar', 'en']);
  await eventually(async () => expect(await stored()).toEqual(['ar', 'en']));
  const html = await screenHtml();
  expect(html).toMatch(/<html lang="en" dir="ltr"/);
  expect(html).toMatch(/<span lang="ar" dir="rtl"[^>]*>[^<]*[\u0600-\u06FF][^<]*<\/span>/);
  expect(html).not.toContain('⟦missing⟧');
});

it('[L50] cleared, the projector speaks its page’s language alone again', async () => {
  setScreenLanguages(room.plenary.doc, []);
  await eventually(async () => expect(await stored()).toEqual([]));
  const html = await screenHtml();
  expect(html).not.toMatch(/lang="(ar|so)"[^>]*data-screen-lang/);
  expect(html).toContain('Now speaking');
});

describe('[L54] the room’s texts beside their translations', () => {
  /** An interpreter's save, as the desk posts it without JavaScript. */
  async function translate(language: string, key: string, from: string, text: string): Promise<void> {
    const phone = new Phone(room.server.url);
    expect(await phone.join((await mintLink(room.server.url, room.asm, { role: 'interpreter', scope: language })).token)).toBe(303);
    const res = await phone.post(`/a/${room.asm.id}/interpret?index`, { key, from, text, base: '' });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
  const parts = (html: string, testid: string) => {
    const at = html.indexOf(`data-testid="${testid}"`);
    expect(at, testid).toBeGreaterThan(-1);
    const holder = html.slice(html.lastIndexOf('<', at), html.indexOf('</p>', at));
    return [
      ...holder.matchAll(
        /<span lang="(\w+)" dir="(\w+)"[^>]*data-wall-part="\w+"[^>]*>([^<]*)<\/span>|<span dir="auto"[^>]*data-wall-part="original"[^>]*>([^<]*)<\/span>/g,
      ),
    ].map((m) => (m[1] ? { lang: m[1], dir: m[2], text: m[3] } : { lang: null, dir: 'auto', text: m[4] }));
  };

  it('[L54] Somali and English: the served page shows the Somali title and announcement beside the originals; an edited title shows the original alone', async () => {
    setScreenLanguages(room.plenary.doc, ['so', 'en']);
    const item = addItem(room.plenary.doc, { title: 'Vote on the strike fund', kind: 'proposal', minutes: 10 });
    goToItem(room.plenary.doc, item, Date.now());
    setAnnouncement(room.plenary.doc, 'Cups back to the kitchen, please');
    await eventually(async () => expect(await screenHtml()).toContain('Cups back to the kitchen'));
    await translate('so', itemTitleKey(item), 'Vote on the strike fund', 'Codbixinta sanduuqa shaqo joojinta');
    await translate('so', ANNOUNCEMENT_KEY, 'Cups back to the kitchen, please', 'Koobabka jikada ku celi, fadlan');
    await eventually(() => expect(interpretedLanguages(room.plenary.doc)).toContain('so'));
    const html = await screenHtml();
    expect(parts(html, 'current-title')).toEqual([
      { lang: 'so', dir: 'ltr', text: 'Codbixinta sanduuqa shaqo joojinta' },
      { lang: null, dir: 'auto', text: 'Vote on the strike fund' },
    ]);
    expect(parts(html, 'announcement')).toEqual([
      { lang: 'so', dir: 'ltr', text: 'Koobabka jikada ku celi, fadlan' },
      { lang: null, dir: 'auto', text: 'Cups back to the kitchen, please' },
    ]);
    // The facilitator edits the title: the Somali one is out of date, and not shown ([L21]).
    editItem(room.plenary.doc, item, { title: 'Vote on the strike fund, amended' });
    await eventually(async () => expect(await screenHtml()).toContain('Vote on the strike fund, amended'));
    const after = await screenHtml();
    expect(after).not.toContain('Codbixinta sanduuqa shaqo joojinta');
    expect(after).toMatch(/<p dir="auto"[^>]*data-testid="current-title"[^>]*>Vote on the strike fund, amended<\/p>/);
  });
});
