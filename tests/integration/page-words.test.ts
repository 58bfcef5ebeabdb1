/**
 * Every page, in every shipped language, as the server sends it ([L42]): words, never a
 * missing-key mark and never a raw catalogue key — the facilitator's pages, the attendee's, the
 * projector, the stack-keeper's, notes, minutes, codes, the join-code pages and the start page, with
 * an agenda, a speaker and a stack, and a proposal in the room.
 */
import { describe, expect, it } from 'vitest';
import { MISSING_MARK } from '../../app/i18n/translate.js';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { addProposal } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';
import { nextSpeaker, raiseHand } from '../../app/model/stack.js';
import { rawKeys, servedText, SHIPPED } from '../helpers/catalogues.js';
import { useRoom } from '../helpers/room.js';

const room = useRoom('Shirweynaha guud · ጠቅላላ ጉባኤ · الجمعية العامة');

/** The facilitator's session cookie, with the room set up once. */
let cookie: Promise<string> | undefined;
function facilitator(): Promise<string> {
  cookie ??= (async () => {
    const doc = room.plenary.doc;
    addItem(doc, { title: 'Soo dhaweyn', kind: 'discussion', minutes: 10 });
    addItem(doc, { title: 'የሥራ ማቆም አድማ', kind: 'proposal', minutes: 30 });
    const second = readAgenda(doc)[1];
    goToItem(doc, second.id, Date.now());
    raiseHand(doc, { name: 'Hodan', kind: 'speak' }, Date.now() - 1000);
    raiseHand(doc, { name: 'فاطمة', kind: 'process' }, Date.now());
    nextSpeaker(doc, Date.now());
    addProposal(doc, { itemId: second.id, text: 'We strike on Friday', by: 'Khadra' }, Date.now());
    const res = await fetch(`${room.server.url}/join/${room.asm.facilitatorToken}`, { redirect: 'manual' });
    await res.arrayBuffer();
    return res.headers.getSetCookie()[0].split(';')[0];
  })();
  return cookie;
}

const PAGES = (id: string) => [
  '/',
  '/j',
  `/a/${id}`,
  `/a/${id}/facilitate`,
  `/a/${id}/screen`,
  `/a/${id}/stack`,
  `/a/${id}/notes`,
  `/a/${id}/minutes`,
  `/a/${id}/minutes/edit`,
  `/a/${id}/codes`,
  `/a/${id}/code`,
];

describe('[L42] no page in any language shows a key instead of words', () => {
  it.each(Object.keys(SHIPPED))('%s: every page', async (language) => {
    const headers = { cookie: await facilitator(), 'accept-language': language };
    const problems: string[] = [];
    for (const path of PAGES(room.asm.id)) {
      const res = await fetch(`${room.server.url}${path}`, { headers, redirect: 'manual' });
      const html = await res.text();
      if (res.status !== 200) problems.push(`${path}: ${res.status}`);
      if (!html.includes(`<html lang="${language}"`)) problems.push(`${path}: not in ${language}`);
      const text = servedText(html);
      if (text.includes(MISSING_MARK)) problems.push(`${path}: ${MISSING_MARK}`);
      for (const key of rawKeys(text)) problems.push(`${path}: ${key}`);
    }
    expect(problems).toEqual([]);
  });

  it('the check sees a key and the mark', () => {
    expect(rawKeys(servedText('<p>console.heading</p><p title="x">stack.waiting_one and e.g. node.js</p>'))).toEqual(['console.heading', 'stack.waiting_one']);
    expect(servedText(`<script>var a="${MISSING_MARK}x"</script><b>${MISSING_MARK}y</b>`)).not.toContain(`${MISSING_MARK}x`);
  });
});
