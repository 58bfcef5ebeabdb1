/**
 * Authorization in one place (issue 15, ADR 026, [X21]): for every role and every document, the
 * page that shows the document and the document's socket give the same answer — both open or
 * both refuse — and the page offers editing exactly to those whose socket may write. Pages ask
 * app/access/rules.ts as the socket does; this proves it against a real server.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission } from '../helpers/clients.js';
import { mintLink } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { useRoom } from '../helpers/room.js';
import { accessTo, parseDocName, type Grant } from '../../app/access/rules.js';

const room = useRoom('One rule for pages and sockets');

interface Who {
  name: string;
  role: Grant['role'];
  scope: string | null;
  token: string;
}
const people: Who[] = [];

beforeAll(async () => {
  const mint = async (name: string, role: Grant['role'], scope: string | null) =>
    people.push({ name, role, scope, token: (await mintLink(room.server.url, room.asm, { role, ...(scope ? { scope } : {}) })).token });
  people.push({ name: 'facilitator', role: 'facilitator', scope: null, token: room.asm.facilitatorToken });
  people.push({ name: 'attendee', role: 'attendee', scope: null, token: room.asm.attendeeToken });
  await mint('stack-keeper', 'stack-keeper', null);
  await mint('plenary note-taker', 'note-taker', 'plenary');
  await mint('table g1 note-taker', 'note-taker', 'g1');
  await mint('reader', 'reader', null);
  await mint('Somali interpreter', 'interpreter', 'so');
}, 30_000);

/** Each document and the page that shows it, with where that page says whether it edits. */
const documents = [
  { doc: 'plenary', page: 'screen', edits: false },
  { doc: 'notes/i1', page: 'notes?item=i1', edits: true },
  { doc: 'breakout/g1', page: 'breakout/g1', edits: true },
  { doc: 'breakout/g2', page: 'breakout/g2', edits: true },
] as const;

describe('[X21][H1] a page and its document’s socket answer alike, for every role', () => {
  for (const d of documents) {
    it(`${d.doc}`, async () => {
      for (const who of people) {
        const name = `${room.asm.id}/${d.doc}`;
        const expected = accessTo({ id: 'x', assemblyId: room.asm.id, role: who.role, scope: who.scope, canVote: true }, parseDocName(name)!);
        const socket = await admission(room.server.syncUrl, name, who.token);
        const phone = new Phone(room.server.url);
        await phone.join(who.token);
        const page = await phone.get(`/a/${room.asm.id}/${d.page}`);
        const html = await page.text();
        // The socket and the page both follow the rules, and so each other.
        expect(socket === 'admitted', `${who.name}: socket of ${d.doc}`).toBe(expected !== 'none');
        expect(page.status, `${who.name}: page of ${d.doc}`).toBe(expected === 'none' ? 403 : 200);
        // The page says whether it offers editing (its main element's data-access).
        if (expected !== 'none' && d.edits) expect(/<main[^>]*data-access="(\w+)"/.exec(html)?.[1], `${who.name}: page of ${d.doc} edits`).toBe(expected);
      }
    });
  }

  it('what a table’s writers alone may ask (/saved) follows the socket’s write access', async () => {
    for (const who of people) {
      const expected = accessTo(
        { id: 'x', assemblyId: room.asm.id, role: who.role, scope: who.scope, canVote: true },
        parseDocName(`${room.asm.id}/breakout/g1`)!,
      );
      const phone = new Phone(room.server.url);
      await phone.join(who.token);
      const res = await phone.get(`/a/${room.asm.id}/saved?group=g1`);
      await res.arrayBuffer();
      expect(res.status, who.name).toBe(expected === 'write' ? 200 : 403);
    }
  });
});
