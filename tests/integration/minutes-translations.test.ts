/**
 * Minutes in several languages over real HTTP ([L60]–[L64]): an interpreter translates a
 * published version into their link's language with a plain form; a reader picks the language
 * (their own by default), the original one tap away; the Markdown download follows the choice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { sessionCookie } from '../helpers/forms.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
}, 30_000);
afterAll(async () => {
  await server?.close();
});

/** The session cookie a link's /join sets: one browser's cookie jar. */
const jar = (token: string) => sessionCookie(server.url, token);

/** A same-origin form post, as the page's own form sends it. */
function post(path: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie },
    body: new URLSearchParams(fields),
  });
}

const get = (path: string, cookie: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { cookie, ...headers } });

/** Publishes `markdown` as the next version through the facilitator's editor. */
async function publish(asm: CreatedAssembly, markdown: string) {
  const res = await post(`/a/${asm.id}/minutes/edit`, await jar(asm.facilitatorToken), { intent: 'publish', markdown });
  expect(res.status).toBe(303);
}

async function interpreter(asm: CreatedAssembly, language: string): Promise<string> {
  return jar((await mintLink(server.url, asm, { role: 'interpreter', scope: language, label: `Interpreter ${language}` })).token);
}

const translate = (asm: CreatedAssembly, cookie: string, version: number, markdown: string, revision: number) =>
  post(`/a/${asm.id}/interpret/minutes`, cookie, { version: String(version), revision: String(revision), markdown });

describe('[L62] an interpreter translates a published version', () => {
  it('[L62] the page lists the published versions; a plain form saves the translation (303) and it is there after a reload', async () => {
    const asm = await createAssembly(server.url, 'Translation hall');
    const es = await interpreter(asm, 'es');
    const empty = await get(`/a/${asm.id}/interpret/minutes`, es);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('No minutes have been published yet');
    await publish(asm, '# May Day minutes\n\nMarchers meet at 9.');
    const list = await (await get(`/a/${asm.id}/interpret/minutes`, es)).text();
    expect(list).toContain('Translate version 1');
    expect(list).toContain('Not translated yet');
    const form = await (await get(`/a/${asm.id}/interpret/minutes?v=1`, es)).text();
    expect(form).toContain('Marchers meet at 9.'); // the original, beside the box
    expect(form).toContain('name="revision" value="0"');
    expect(form).toContain('lang="es"');
    const saved = await translate(asm, es, 1, '# Actas del Primero de Mayo\n\nLa marcha sale a las 9.', 0);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/a/${asm.id}/interpret/minutes?v=1`);
    const after = await (await get(`/a/${asm.id}/interpret/minutes?v=1`, es)).text();
    expect(after).toContain('La marcha sale a las 9.');
    expect(after).toContain('name="revision" value="1"');
    expect(after).toContain('Edit the translation of version 1');
  });

  it('[L62] two interpreters of one language saving from one revision: the second is a 409 showing both texts; nothing is overwritten', async () => {
    const asm = await createAssembly(server.url, 'Two interpreters');
    await publish(asm, '# Minutes');
    const [a, b] = [await interpreter(asm, 'so'), await interpreter(asm, 'so')];
    expect((await translate(asm, a, 1, 'Qoraalka Amina', 0)).status).toBe(303);
    const refused = await translate(asm, b, 1, 'Qoraalka Bashir', 0);
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('Qoraalka Bashir'); // theirs, still in the box
    expect(html).toContain('Qoraalka Amina'); // the saved one, shown beside it
    expect(html).toContain('data-testid="translation-conflict"');
    expect(html).toContain('name="revision" value="1"'); // saving again is a choice to put theirs over it
    expect((await server.store.getMinutesTranslation(asm.id, 1, 'so')).markdown).toBe('Qoraalka Amina');
    expect((await translate(asm, b, 1, 'Qoraalka Bashir', 1)).status).toBe(303);
    expect((await server.store.getMinutesTranslation(asm.id, 1, 'so')).markdown).toBe('Qoraalka Bashir');
    // Concurrent saves from one revision: exactly one is taken.
    const racing = await Promise.all(['x', 'y', 'z'].map((m, i) => translate(asm, i % 2 ? a : b, 1, m, 2)));
    expect(racing.map((r) => r.status).sort()).toEqual([303, 409, 409]);
  });

  it('[L62] saving an empty box removes the translation: readers no longer see the language', async () => {
    const asm = await createAssembly(server.url, 'Withdrawn translation');
    await publish(asm, '# Minutes');
    const es = await interpreter(asm, 'es');
    await translate(asm, es, 1, '# Actas', 0);
    expect(await (await get(`/a/${asm.id}/minutes`, await jar(asm.attendeeToken))).text()).toContain('Español');
    expect((await translate(asm, es, 1, '  \n ', 1)).status).toBe(303);
    expect(await (await get(`/a/${asm.id}/minutes`, await jar(asm.attendeeToken))).text()).not.toContain('data-testid="minutes-languages"');
    expect((await get(`/a/${asm.id}/minutes.md?lang=es`, await jar(asm.attendeeToken))).status).toBe(404);
  });
});

describe('[L61] a translation belongs to the version it was made from', () => {
  it('[L61] publishing version 2 does not carry version 1’s translation: v2 is "not translated yet", v1 keeps its own', async () => {
    const asm = await createAssembly(server.url, 'Two versions');
    await publish(asm, '# Minutes, first');
    const es = await interpreter(asm, 'es');
    await translate(asm, es, 1, '# Actas, primera', 0);
    await publish(asm, '# Minutes, second');
    const list = await (await get(`/a/${asm.id}/interpret/minutes`, es)).text();
    const v2 = /data-version="2"[\s\S]*?<\/li>/.exec(list)![0];
    const v1 = /data-version="1"[\s\S]*?<\/li>/.exec(list)![0];
    expect(v2).toContain('Not translated yet');
    expect(v1).toContain('Translated');
    expect(v1).not.toContain('Not translated yet');
    const form = await (await get(`/a/${asm.id}/interpret/minutes?v=2`, es)).text();
    expect(form).toContain('Minutes, second');
    expect(form).not.toContain('Actas, primera'); // the box starts empty, not from v1's translation
    // A Spanish reader of v2 gets the original; of v1, the translation.
    const reader = await jar(asm.attendeeToken);
    const latest = await (await get(`/a/${asm.id}/minutes`, reader, { 'accept-language': 'es' })).text();
    expect(latest).toContain('Minutes, second');
    expect(latest).not.toContain('data-testid="minutes-languages"');
    expect(await (await get(`/a/${asm.id}/minutes?v=1`, reader, { 'accept-language': 'es' })).text()).toContain('Actas, primera');
    expect((await get(`/a/${asm.id}/minutes.md?v=2&lang=es`, reader)).status).toBe(404);
  });
});

describe('[L63] [L64] readers pick the language; the download follows it', () => {
  let asm: CreatedAssembly;
  let reader: string;
  beforeAll(async () => {
    asm = await createAssembly(server.url, 'Reading hall');
    await publish(asm, '# Minutes of the reading hall\n\nThe strike fund grows.');
    await translate(asm, await interpreter(asm, 'es'), 1, '# Actas de la sala\n\nEl fondo de huelga crece.', 0);
    await translate(asm, await interpreter(asm, 'so'), 1, '# Qoraalka shirka\n\nSanduuqa shaqo-joojinta ayaa koraya.', 0);
    await translate(asm, await interpreter(asm, 'ar'), 1, '# محضر الاجتماع\n\nصندوق الإضراب ينمو.', 0);
    reader = await jar((await mintLink(server.url, asm, { role: 'reader' })).token);
  });

  it('[L63] a Spanish browser reads the Spanish translation by default, marked lang="es"; the picker lists each language by its own name', async () => {
    const res = await get(`/a/${asm.id}/minutes`, reader, { 'accept-language': 'es-ES,es;q=0.9' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<article[^>]*lang="es"[^>]*dir="ltr"[^>]*>[\s\S]*El fondo de huelga crece\./);
    expect(html).not.toContain('The strike fund grows.');
    expect(html).toContain('Leer en:');
    for (const name of ['Texto original', 'Español', 'Soomaali', 'العربية']) expect(html).toContain(name);
    expect(html).toMatch(/<a[^>]*href="\/a\/[^"]+\/minutes\?v=1&amp;lang=so"[^>]*lang="so"[^>]*>Soomaali<\/a>/);
    // The download button gives the language shown.
    expect(html).toContain(`href="/a/${asm.id}/minutes.md?v=1&amp;lang=es"`);
  });

  it('[L63] the original is one tap away, and an English browser gets the original with the choice of translations', async () => {
    const original = await (await get(`/a/${asm.id}/minutes?v=1&lang=original`, reader, { 'accept-language': 'es' })).text();
    expect(original).toContain('The strike fund grows.');
    expect(original).not.toContain('El fondo de huelga crece.');
    const english = await (await get(`/a/${asm.id}/minutes`, reader, { 'accept-language': 'en' })).text();
    expect(english).toContain('The strike fund grows.');
    expect(english).toContain('Read in:');
    expect(english).toContain('Español');
    expect(english).toContain(`href="/a/${asm.id}/minutes.md?v=1"`);
  });

  it('[L63] a reader whose language has only a regional translation (es-419 for es) reads that one by default', async () => {
    const regional = await createAssembly(server.url, 'Regional hall');
    await publish(regional, '# Minutes\n\nThe original text.');
    await translate(regional, await interpreter(regional, 'es-419'), 1, '# Acta\n\nEl texto latinoamericano.', 0);
    const html = await (await get(`/a/${regional.id}/minutes`, await jar(regional.attendeeToken), { 'accept-language': 'es' })).text();
    expect(html).toMatch(/<article[^>]*lang="es-419"[^>]*>[\s\S]*El texto latinoamericano\./);
  });

  it('[L63] a right-to-left translation is marked dir="rtl" on an English page', async () => {
    const html = await (await get(`/a/${asm.id}/minutes?lang=ar`, reader, { 'accept-language': 'en' })).text();
    expect(html).toMatch(/<html[^>]*dir="ltr"/);
    expect(html).toMatch(/<article[^>]*lang="ar"[^>]*dir="rtl"[^>]*>[\s\S]*صندوق الإضراب ينمو/);
  });

  it('[L64] minutes.md?lang=xx downloads the translation, its file name carrying the language; without lang, the original', async () => {
    const es = await get(`/a/${asm.id}/minutes.md?v=1&lang=es`, reader);
    expect(es.status).toBe(200);
    expect(await es.text()).toBe('# Actas de la sala\n\nEl fondo de huelga crece.');
    expect(es.headers.get('content-disposition')).toBe(`attachment; filename="minutes-${asm.id}-v1-es.md"`);
    expect(es.headers.get('content-language')).toBe('es');
    expect(es.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const original = await get(`/a/${asm.id}/minutes.md`, reader);
    expect(await original.text()).toBe('# Minutes of the reading hall\n\nThe strike fund grows.');
    expect(original.headers.get('content-disposition')).toBe(`attachment; filename="minutes-${asm.id}-v1.md"`);
  });

  it('[L64] a language with no translation is a 404, a lang that is no language a 400, never a 500', async () => {
    for (const path of [`/a/${asm.id}/minutes?lang=om`, `/a/${asm.id}/minutes.md?lang=om`, `/a/${asm.id}/minutes.md?v=1&lang=vi`]) {
      expect((await get(path, reader)).status, path).toBe(404);
    }
    const bad = ['%00', '..%2F..%2Fetc', 'es%0D%0ASet-Cookie:x=y', 'x'.repeat(300), 'ES', 'es&lang=so', '', '%E2%80%AEes'];
    for (const lang of bad) {
      for (const page of ['minutes', 'minutes.md']) {
        const res = await get(`/a/${asm.id}/${page}?lang=${lang}`, reader);
        expect(res.status, `${page} ${lang}`).toBe(400);
        expect(res.headers.get('set-cookie')).toBeNull();
      }
    }
  });
});
