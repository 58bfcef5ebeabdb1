/**
 * The room's own words on phones, in the phone's language ([L70]–[L74], ADR 025), through the
 * real server and real HTTP: the attendee page as a Somali phone and an English phone get it
 * (server-rendered, as it is before and without JavaScript), with translations written the way
 * only the server writes them (a server-side change on the language's document, as the
 * interpreter's command does). A translation made from an older source shows the original,
 * marked; a translation document of any shape renders the originals, never a 500.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/clients.js';
import { Phone } from '../helpers/phone.js';
import { useRoom } from '../helpers/room.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import { addItem, editItem } from '../../app/model/agenda.js';
import { addAction, addProposal } from '../../app/model/proposals.js';
import { mintLink } from '../helpers/server.js';
import { planRound, startRound } from '../../app/model/breakouts.js';
import { goToItem, setAnnouncement } from '../../app/model/run.js';
import {
  ANNOUNCEMENT_KEY,
  itemDescriptionKey,
  itemTitleKey,
  markInterpreted,
  promptKey,
  setTranslation,
  translationsDocName,
} from '../../app/model/translations.js';
import so from '../../app/i18n/locales/so.json' with { type: 'json' };

/** The Somali page's own words for the notes under a text (shipped catalogue, not English). */
const SO = so.translated;

const room = useRoom('Translated hall');

/** A change made on the server's own copy of a document, as a server command makes it. */
async function onServer(docName: string, change: (doc: Y.Doc) => void) {
  const live = await room.server.rooms.acquire(parseDocName(docName)!);
  try {
    live.doc.transact(() => change(live.doc), 'command');
    await live.flush();
  } finally {
    room.server.rooms.release(live);
  }
}

/** What the interpreter's save does: the translation, then the plenary's list of interpreted languages. */
async function translate(language: string, key: string, text: string, source: string) {
  await onServer(translationsDocName(room.asm.id, language), (doc) => setTranslation(doc, key, text, source, Date.now()));
  await onServer(`${room.asm.id}/plenary`, (doc) => markInterpreted(doc, language));
}

/** An attendee's phone in a language chosen with the switcher (its cookie). */
async function phoneIn(language: string): Promise<Phone> {
  const phone = new Phone(room.server.url);
  expect(await phone.join(room.asm.attendeeToken)).toBe(303);
  expect(await phone.send('/language', { language, back: '/' })).toBe(302);
  return phone;
}

async function page(phone: Phone, path = `/a/${room.asm.id}`): Promise<string> {
  const res = await phone.get(path);
  expect(res.status).toBe(200);
  return res.text();
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The translation shown in its language (and that language's direction), as the text itself. */
const translated = (lang: string, text: string) => new RegExp(`<(span|p) lang="${lang}" dir="ltr"[^>]*data-translation="current"[^>]*>${esc(text)}</\\1>`);
/** The original behind "Original", a <details> (opens without JavaScript). */
const originalBehind = (text: string) =>
  new RegExp(`<details[^>]*data-testid="translation-original"[^>]*><summary[^>]*>${esc(SO.original)}</summary><p dir="auto"[^>]*>${esc(text)}</p></details>`);
/**
 * The translations any Yjs state in the page carries (the loader's data is encoded by Remix; every
 * long base64 run in it is tried as a Yjs update), by key.
 */
function translationsSent(html: string): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [run] of html.matchAll(/[A-Za-z0-9+/]{24,}={0,2}/g)) {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, Buffer.from(run, 'base64'));
    } catch {
      continue; // Not a Yjs update.
    }
    doc.getMap('translations').forEach((value, key) => found.set(key, value));
  }
  return found;
}

let itemId = '';

describe('an agenda item and the announcement, translated into Somali', () => {
  it('[L70] [L71] a Somali phone shows the translation with the original one tap away; an English phone the original only', async () => {
    const doc = room.plenary.doc;
    itemId = addItem(doc, { title: 'Contract vote', kind: 'discussion', minutes: 20 });
    goToItem(doc, itemId, Date.now());
    setAnnouncement(doc, 'Lunch is at noon');
    await eventually(async () => expect(await page(await phoneIn('en'))).toContain('Lunch is at noon'));

    await translate('so', itemTitleKey(itemId), 'Codbixinta heshiiska', 'Contract vote');
    await translate('so', ANNOUNCEMENT_KEY, 'Qadada waa duhurka', 'Lunch is at noon');

    const somali = await page(await phoneIn('so'));
    expect(somali).toMatch(/<html lang="so"/);
    expect(somali).toMatch(translated('so', 'Codbixinta heshiiska'));
    expect(somali).toMatch(originalBehind('Contract vote'));
    expect(somali).toMatch(translated('so', 'Qadada waa duhurka'));
    expect(somali).toMatch(originalBehind('Lunch is at noon'));
    // The current item's heading carries the translation too, not only the agenda list.
    expect(somali).toMatch(/data-testid="current-item"[\s\S]*Codbixinta heshiiska[\s\S]*data-testid="agenda"/);
    expect(somali).not.toContain('translation-stale');

    const english = await page(await phoneIn('en'));
    expect(english).toMatch(/<html lang="en"/);
    expect(english).not.toContain('Codbixinta heshiiska');
    expect(english).not.toContain('Qadada waa duhurka');
    expect(english).not.toContain('translation-original');
    expect(english).toMatch(/<span dir="auto">Contract vote<\/span>/);
  });

  it("[L72] only a phone in an interpreted language is sent that language's document", async () => {
    const somali = translationsSent(await page(await phoneIn('so')));
    expect([...somali.keys()].sort()).toEqual([ANNOUNCEMENT_KEY, itemTitleKey(itemId)].sort());
    // Nobody interprets into English, Spanish or Amharic here: nothing is sent.
    for (const language of ['en', 'es', 'am']) expect(translationsSent(await page(await phoneIn(language))).size, language).toBe(0);
  });

  it('[L71] after the item is edited the Somali phone shows the original, marked out of date, with the earlier translation one tap away; redone, the new one', async () => {
    editItem(room.plenary.doc, itemId, { title: 'Contract vote (amended)' });
    const somali = await phoneIn('so');
    const stale = await eventually(async () => {
      const html = await page(somali);
      expect(html).toContain('Contract vote (amended)');
      return html;
    });
    expect(stale).not.toMatch(translated('so', 'Codbixinta heshiiska'));
    expect(stale).toMatch(/<span dir="auto" data-translation="stale">Contract vote \(amended\)<\/span>/);
    expect(stale).toMatch(new RegExp(`<p role="status"[^>]*data-testid="translation-stale"[^>]*>${esc(SO.outdated)}</p>`));
    expect(stale).toMatch(
      new RegExp(
        `<details data-testid="translation-earlier"><summary[^>]*>${esc(SO.earlier)}</summary><p lang="so" dir="ltr"[^>]*>Codbixinta heshiiska</p></details>`,
      ),
    );
    // The announcement did not change: still translated.
    expect(stale).toMatch(translated('so', 'Qadada waa duhurka'));

    await translate('so', itemTitleKey(itemId), 'Codbixinta heshiiska (la beddelay)', 'Contract vote (amended)');
    const redone = await page(somali);
    expect(redone).toMatch(translated('so', 'Codbixinta heshiiska (la beddelay)'));
    expect(redone).toMatch(originalBehind('Contract vote (amended)'));
    expect(redone).not.toContain('translation-stale');
  });

  it('[L73] a Spanish page says "Texto original" (the marker and its label come from the catalogue)', async () => {
    await translate('es', itemTitleKey(itemId), 'Votación del contrato', 'Contract vote (amended)');
    const spanish = await page(await phoneIn('es'));
    expect(spanish).toMatch(translated('es', 'Votación del contrato'));
    expect(spanish).toMatch(/<summary[^>]*>Texto original<\/summary>/);
  });
});

describe("a table's page", () => {
  it("[L70] the breakout questions are in the reader's language there too", async () => {
    const doc = room.plenary.doc;
    const round = addItem(doc, { title: 'Tables', kind: 'breakout', minutes: 10 });
    goToItem(doc, round, Date.now());
    planRound(doc, round, { prompts: ['What would you change?'], minutes: 10, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
    startRound(doc, round, Date.now());
    const somali = await phoneIn('so');
    const tablePage = `/a/${room.asm.id}/breakout/${round}-t1`;
    await eventually(async () => expect(await page(somali, tablePage)).toContain('What would you change?'));
    await translate('so', promptKey(round, 0), 'Maxaad beddeli lahayd?', 'What would you change?');
    const html = await page(somali, tablePage);
    expect(html).toMatch(translated('so', 'Maxaad beddeli lahayd?'));
    expect(html).toMatch(originalBehind('What would you change?'));
    // And on the attendee page, under "Your table".
    expect(await page(somali)).toMatch(translated('so', 'Maxaad beddeli lahayd?'));
    // English: the question as typed.
    const english = await page(await phoneIn('en'), tablePage);
    expect(english).toContain('What would you change?');
    expect(english).not.toContain('Maxaad beddeli lahayd?');
  });
});

describe('hostile translation documents', () => {
  it('[L74] entries of every wrong shape render the original, and the page is 200', async () => {
    const title = 'Dues and fees';
    const id = addItem(room.plenary.doc, { title, kind: 'discussion', minutes: 5 });
    await eventually(async () => expect(await page(await phoneIn('en'))).toContain(title));
    const key = itemTitleKey(id);
    await onServer(translationsDocName(room.asm.id, 'om'), (doc) => {
      const map = doc.getMap<unknown>('translations');
      map.set(key, 42);
      map.set(`${key}x`, 'a bare string');
      map.set(ANNOUNCEMENT_KEY, ['an', 'array']);
      map.set(promptKey(id, 0), { text: 7, source: title });
      map.set(promptKey(id, 1), { text: '   ', source: title });
      map.set(promptKey(id, 2), { text: '<script>alert(1)</script>', source: null });
      const nested = new Y.Map<unknown>();
      nested.set('text', 'Y map text');
      nested.set('source', title);
      map.set(itemTitleKey('nested'), nested);
      doc.getText('junk').insert(0, 'a stray root');
    });
    await onServer(`${room.asm.id}/plenary`, (doc) => markInterpreted(doc, 'om'));
    const oromo = await page(await phoneIn('om'));
    expect(oromo).toMatch(new RegExp(`<span dir="auto">${esc(title)}</span>`));
    expect(oromo).not.toContain('translation-original');
    expect(oromo).not.toContain('<script>alert(1)');
  });

  it('[L74] a document whose "translations" root is a list, not a map, renders the originals', async () => {
    await onServer(translationsDocName(room.asm.id, 'ti'), (doc) => {
      doc.getArray<unknown>('translations').push([{ text: 'x', source: 'Contract vote (amended)' }, 5]);
    });
    await onServer(`${room.asm.id}/plenary`, (doc) => markInterpreted(doc, 'ti'));
    const tigrinya = await page(await phoneIn('ti'));
    expect(tigrinya).toContain('Contract vote (amended)');
    expect(tigrinya).not.toContain('translation-original');
  });

  it('[L74] a translation far over the limit is cut to it, and a key that names nothing shows nowhere', async () => {
    const long = 'ሀ'.repeat(9000);
    await translate('am', itemTitleKey(itemId), 'placeholder', 'Contract vote (amended)');
    await onServer(translationsDocName(room.asm.id, 'am'), (doc) => {
      doc.getMap<unknown>('translations').set(itemTitleKey(itemId), { text: long, source: 'Contract vote (amended)', at: 'yesterday' });
      doc.getMap<unknown>('translations').set(itemTitleKey('no-such-item'), { text: 'orphan', source: 'gone', at: 1 });
    });
    const amharic = await page(await phoneIn('am'));
    expect(amharic).toContain('ሀ'.repeat(4000));
    expect(amharic).not.toContain('ሀ'.repeat(4001));
    expect(amharic).not.toContain('orphan');
  });
});

describe('[L86] an item’s description and the action items', () => {
  it('[L86] a Somali phone’s agenda shows the description’s translation, the original one tap away; an English phone the original; edited, out of date', async () => {
    const doc = room.plenary.doc;
    const id = addItem(doc, { title: 'Dues', kind: 'discussion', minutes: 5, description: 'How much each member pays' });
    await eventually(async () => expect(await page(await phoneIn('en'))).toContain('How much each member pays'));
    await translate('so', itemDescriptionKey(id), 'Inta xubin kastaa bixiso', 'How much each member pays');
    const somali = await page(await phoneIn('so'));
    expect(somali).toMatch(translated('so', 'Inta xubin kastaa bixiso'));
    expect(somali).toMatch(originalBehind('How much each member pays'));
    const english = await page(await phoneIn('en'));
    expect(english).toMatch(/<p dir="auto" class="text-sm" data-testid="item-description">How much each member pays<\/p>/);
    expect(english).not.toContain('Inta xubin kastaa bixiso');

    editItem(doc, id, { description: 'How much each member pays a month' });
    const stale = await eventually(async () => {
      const html = await page(await phoneIn('so'));
      expect(html).toContain('How much each member pays a month');
      return html;
    });
    expect(stale).toMatch(/<p dir="auto" class="text-sm" data-testid="item-description" data-translation="stale">How much each member pays a month<\/p>/);
    expect(stale).not.toMatch(translated('so', 'Inta xubin kastaa bixiso'));
  });

  it('[L86] no phone or projector shows an action item, so the interpreter is not asked for one: a save naming one is refused', async () => {
    const doc = room.plenary.doc;
    const item = addItem(doc, { title: 'Strike fund', kind: 'proposal', minutes: 5 });
    const proposal = addProposal(doc, { itemId: item, text: 'We start a strike fund' }, Date.now());
    const action = addAction(doc, proposal, { what: 'Open a bank account', who: 'Treasurer' }, Date.now());
    const interpreter = new Phone(room.server.url);
    expect(await interpreter.join((await mintLink(room.server.url, room.asm, { role: 'interpreter', scope: 'so', label: 'so' })).token)).toBe(303);
    const desk = await eventually(async () => {
      const html = await (await interpreter.get(`/a/${room.asm.id}/interpret`)).text();
      expect(html).toContain('We start a strike fund');
      return html;
    });
    expect(desk).not.toContain('Open a bank account');
    const saved = await interpreter.post(`/a/${room.asm.id}/interpret.data?index`, {
      key: `action:${proposal}:${action}`,
      from: 'Open a bank account',
      text: 'Fur xisaab bangi',
      base: '',
    });
    expect(saved.status).toBe(404);
  });
});
