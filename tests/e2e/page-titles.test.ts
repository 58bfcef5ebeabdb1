/**
 * Every page says which page it is ([N12]): a title per page, in the person's language, with the
 * assembly's name; the error page too, with a heading and status digits that can be read.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, type Harness } from './harness.js';
import { measure } from './contrast.js';

let h: Harness;
let asm: CreatedAssembly;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Titles hall');
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const PAGES = ['facilitate', 'screen', 'stack', 'notes', 'minutes', 'minutes/edit', 'codes', ''];

it('[N12] each page has its own title, in English and in Spanish, with the assembly name', async () => {
  for (const [locale, console_, projector] of [
    ['en-US', 'Facilitation console — Titles hall — Plenary', 'Projector — Titles hall — Plenary'],
    ['es-ES', 'Consola de facilitación — Titles hall — Plenary', 'Proyector — Titles hall — Plenary'],
  ]) {
    const page = await (await h.person({ locale, javaScript: false })).newPage();
    await page.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
    const titles: string[] = [];
    for (const path of PAGES) {
      await page.goto(`${h.server.url}/a/${asm.id}/${path}`);
      titles.push(await page.title());
    }
    expect(new Set(titles).size).toBe(PAGES.length);
    for (const title of titles) expect(title).toMatch(/^[^—]+ — Titles hall — Plenary$/);
    expect(titles[0]).toBe(console_);
    expect(titles[1]).toBe(projector);
  }
});

it('[N12] the error page has a title, a heading, and status digits of at least 4.5:1', async () => {
  const page = await (await h.person()).newPage();
  const res = await page.goto(`${h.server.url}/a/nosuchassembly00/screen`);
  expect(res?.status()).toBe(404);
  expect(await page.title()).toBe('Error — Plenary');
  await page.getByRole('heading', { level: 1 }).waitFor();
  const digits = await measure(page, 'color', 'main > p:first-child');
  expect(digits?.what).toBe('p 404');
  expect(digits!.contrast).toBeGreaterThanOrEqual(4.5);
});
