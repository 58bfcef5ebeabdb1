/**
 * Attack on the minutes editor's large bodies ([W8], [D2]): the editor and its autosave take up
 * to 5 MiB, and the server reads a body whole before any role guard. Without a check of who is
 * sending, anyone (no link at all, a phone, a facilitator of another assembly) could make the
 * server hold 5 MiB per request, hundreds at once, at `/a/<anything>/minutes/draft`. Only a
 * facilitator of that assembly gets the large limit; everyone else has the 64 KiB of any form.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAssembly, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { sessionCookie, postRawForm } from '../helpers/forms.js';

let server: TestServer;
let asm: CreatedAssembly;
let other: CreatedAssembly;

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
  asm = await createAssembly(server.url, 'Large bodies');
  other = await createAssembly(server.url, 'Another hall');
}, 30_000);
afterAll(async () => {
  await server?.close();
});

const jar = (token: string) => sessionCookie(server.url, token);

/** A draft of `chars` characters (1 MB as a form: well over 64 KiB, well under 5 MiB). */
const bigDraft = (chars = 1_000_000) => `revision=0&markdown=${'a'.repeat(chars)}`;

const postRaw = (path: string, body: string, headers: Record<string, string>, chunked = false) => postRawForm(server.url, path, body, headers, chunked);

it('[W8] a large draft from anyone but a facilitator of that assembly is 413, declared or streamed; small refusals are as before', async () => {
  const phone = await jar(asm.attendeeToken);
  const otherFacilitator = await jar(other.facilitatorToken);
  for (const path of [`/a/${asm.id}/minutes/draft`, `/a/${asm.id}/minutes/edit`, `/a/nosuchassembly/minutes/draft`]) {
    for (const cookie of ['', phone, otherFacilitator]) {
      expect(await postRaw(path, bigDraft(), { cookie })).toBe(413);
      expect(await postRaw(path, bigDraft(), { cookie }, true)).toBe(413);
    }
  }
  // A small post still reaches the route and its own answer: no link 401, a phone 403.
  expect(await postRaw(`/a/${asm.id}/minutes/draft`, 'revision=0&markdown=hi', { cookie: '' })).toBe(401);
  expect(await postRaw(`/a/${asm.id}/minutes/draft`, 'revision=0&markdown=hi', { cookie: phone })).toBe(403);
});

it('[W8] [D2] the facilitator of that assembly still saves a draft of 500,000 characters (and by Bearer token)', async () => {
  const facilitator = await jar(asm.facilitatorToken);
  expect(await postRaw(`/a/${asm.id}/minutes/draft`, `revision=0&markdown=${'%E4%B8%80'.repeat(500_000)}`, { cookie: facilitator })).toBe(200);
  expect(
    await postRaw(`/a/${asm.id}/minutes/draft`, `revision=1&markdown=${'b'.repeat(500_000)}`, { authorization: `Bearer ${asm.facilitatorToken}` }, true),
  ).toBe(200);
  const draft = await (await fetch(`${server.url}/a/${asm.id}/minutes/draft`, { headers: { cookie: facilitator } })).json();
  expect(draft).toMatchObject({ revision: 2 });
  expect(draft.markdown).toHaveLength(500_000);
});
