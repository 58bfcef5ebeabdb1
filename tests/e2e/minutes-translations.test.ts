/**
 * Minutes in several languages in Chromium ([L61]–[L64], issue 14): the facilitator publishes
 * version 1; a Spanish interpreter translates it on /a/<id>/interpret/minutes (from the desk's
 * link, and without JavaScript on a phone); a reader whose browser is Spanish reads the
 * translation and downloads it as Markdown; the original is one tap away. Both pages are
 * axe-clean. Screenshots at 390×844 and 1366×768 go to /work/shots/h4/ when that folder exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, type Harness } from './harness.js';
import { expectAxeClean } from './axe.js';

const SHOTS = '/work/shots/h4';
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
const ORIGINAL =
  '# Minutes of the May Day assembly\n\n## Strike fund\n\n- The fund paid 42 families this month.\n- **Carried:** marchers meet at 9 at the union hall.';
const SPANISH =
  '# Acta de la asamblea del Primero de Mayo\n\n## Fondo de huelga\n\n- El fondo pagó a 42 familias este mes.\n- **Aprobada:** la marcha sale a las 9 del local del sindicato.';

let h: Harness;
let asm: CreatedAssembly;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'May Day assembly');
  // The facilitator publishes version 1 through the minutes editor's own form.
  const published = await fetch(`${h.server.url}/a/${asm.id}/minutes/edit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${asm.facilitatorToken}` },
    body: new URLSearchParams({ intent: 'publish', markdown: ORIGINAL }),
    redirect: 'manual',
  });
  expect(published.status).toBe(303);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function shot(page: Page, name: string) {
  if (fs.existsSync(SHOTS)) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function open(token: string, options: { viewport?: { width: number; height: number }; javaScript?: boolean; locale?: string } = {}): Promise<Page> {
  const page = await (await h.person({ viewport: LAPTOP, ...options })).newPage();
  await page.goto(`${h.server.url}/join/${token}`);
  return page;
}

const box = (page: Page) => page.locator('#translation-text');

it('[L62] a Spanish interpreter translates version 1 from the desk’s link, beside the original; axe-clean, and it fits a phone down to 320 px', async () => {
  const link = await mintLink(h.server.url, asm, { role: 'interpreter', scope: 'es', label: 'Spanish booth' });
  const page = await open(link.token);
  await page.getByRole('link', { name: 'Translate the minutes' }).click();
  await page.waitForURL(/\/interpret\/minutes$/);
  expect(await page.getByTestId('translation-state').textContent()).toBe('Not translated yet');
  await page.getByRole('link', { name: 'Translate version 1' }).click();
  await page.waitForURL(/\/interpret\/minutes\?v=1$/);
  expect(await page.getByTestId('translation-original').inputValue()).toBe(ORIGINAL);
  expect(await box(page).getAttribute('lang')).toBe('es');
  expect(await box(page).inputValue()).toBe('');
  await box(page).fill(SPANISH);
  await page.getByRole('button', { name: 'Save translation' }).click();
  await page.getByTestId('translation-status').and(page.locator('[data-status="saved"]')).waitFor();
  expect(await box(page).inputValue()).toBe(SPANISH);
  await expectAxeClean(page, 'interpreter minutes, laptop');
  await shot(page, 'interpret-minutes-1366');
  await page.setViewportSize(PHONE);
  await shot(page, 'interpret-minutes-390');
  // Nothing runs off the side of a phone, down to 320 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

it('[L62] without JavaScript, on a phone, a second Spanish interpreter’s stale save shows both texts and overwrites nothing', async () => {
  const link = await mintLink(h.server.url, asm, { role: 'interpreter', scope: 'es', label: 'Second booth' });
  const page = await open(link.token, { viewport: PHONE, javaScript: false });
  await page.goto(`${h.server.url}/a/${asm.id}/interpret/minutes?v=1`);
  expect(await box(page).inputValue()).toBe(SPANISH);
  // Meanwhile the first interpreter fixes a word.
  const fixed = SPANISH.replace('42 familias', 'cuarenta y dos familias');
  const first = await mintLink(h.server.url, asm, { role: 'interpreter', scope: 'es' });
  const save = await fetch(`${h.server.url}/a/${asm.id}/interpret/minutes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${first.token}` },
    body: new URLSearchParams({ version: '1', revision: '1', markdown: fixed }),
    redirect: 'manual',
  });
  expect(save.status).toBe(303);
  await box(page).fill(`${SPANISH}\n\nNota del segundo intérprete.`);
  await page.getByRole('button', { name: 'Save translation' }).click();
  await page.getByTestId('translation-conflict').waitFor();
  expect(await page.locator('#translation-current').inputValue()).toBe(fixed);
  expect(await box(page).inputValue()).toContain('Nota del segundo intérprete.');
  await shot(page, 'interpret-minutes-conflict-390');
  // Using theirs: back to the saved text, which the reader below reads.
  await page.getByRole('link', { name: 'Use the saved translation instead (your text is dropped)' }).click();
  expect(await box(page).inputValue()).toBe(fixed);
});

it('[L63] [L64] a reader whose browser is Spanish reads the translation and downloads it; the original is one tap away', async () => {
  const fixed = SPANISH.replace('42 familias', 'cuarenta y dos familias');
  const reader = await mintLink(h.server.url, asm, { role: 'reader', label: 'Members' });
  const page = await open(reader.token, { viewport: PHONE, locale: 'es-ES' });
  await page.waitForURL(/\/minutes$/);
  const article = page.getByTestId('minutes');
  expect(await article.getAttribute('lang')).toBe('es');
  expect(await article.getAttribute('dir')).toBe('ltr');
  expect(await article.locator('h1').textContent()).toBe('Acta de la asamblea del Primero de Mayo');
  expect(await article.textContent()).toContain('El fondo pagó a cuarenta y dos familias este mes.');
  const picker = page.getByTestId('minutes-languages');
  expect(await picker.textContent()).toContain('Leer en:');
  expect(await picker.getByRole('link', { name: 'Español' }).getAttribute('aria-current')).toBe('true');
  await expectAxeClean(page, 'minutes in Spanish, phone');
  await shot(page, 'reader-minutes-es-390');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar en Markdown' }).click()]);
  expect(download.suggestedFilename()).toBe(`minutes-${asm.id}-v1-es.md`);
  const file = await download.path();
  expect(fs.readFileSync(file!, 'utf8')).toBe(fixed);

  await page.getByRole('link', { name: 'Texto original' }).click();
  await page.waitForURL(/lang=original/);
  expect(await page.getByTestId('minutes').locator('h1').textContent()).toBe('Minutes of the May Day assembly');
  expect(await page.getByTestId('minutes').getAttribute('lang')).toBeNull();
  const [original] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar en Markdown' }).click()]);
  expect(original.suggestedFilename()).toBe(`minutes-${asm.id}-v1.md`);
  expect(fs.readFileSync((await original.path())!, 'utf8')).toBe(ORIGINAL);

  await page.setViewportSize(LAPTOP);
  await page.getByRole('link', { name: 'Español' }).click();
  await page.waitForURL(/lang=es/);
  await shot(page, 'reader-minutes-es-1366');
});

it('[L61] after version 2 is published, the interpreter’s list says v2 is not translated yet and a Spanish reader of v2 reads the original', async () => {
  const published = await fetch(`${h.server.url}/a/${asm.id}/minutes/edit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${asm.facilitatorToken}` },
    body: new URLSearchParams({ intent: 'publish', markdown: `${ORIGINAL}\n\nCorrected: the march starts at 10.` }),
    redirect: 'manual',
  });
  expect(published.status).toBe(303);
  const link = await mintLink(h.server.url, asm, { role: 'interpreter', scope: 'es' });
  const page = await open(link.token, { viewport: PHONE });
  await page.goto(`${h.server.url}/a/${asm.id}/interpret/minutes`);
  expect(await page.locator('[data-version="2"] [data-testid="translation-state"]').textContent()).toBe('Not translated yet');
  expect(await page.locator('[data-version="1"] [data-testid="translation-state"]').textContent()).toBe('Translated');
  await expectAxeClean(page, 'interpreter minutes list, phone');
  await shot(page, 'interpret-minutes-list-390');
  const reader = await open((await mintLink(h.server.url, asm, { role: 'reader' })).token, { viewport: PHONE, locale: 'es-ES' });
  await reader.waitForURL(/\/minutes$/);
  expect(await reader.getByTestId('minutes').textContent()).toContain('Corrected: the march starts at 10.');
  expect(await reader.getByTestId('minutes-languages').count()).toBe(0);
});

it('[L63] an Arabic translation reads right to left on an English page, the picker naming it in Arabic', async () => {
  const link = await mintLink(h.server.url, asm, { role: 'interpreter', scope: 'ar' });
  const saved = await fetch(`${h.server.url}/a/${asm.id}/interpret/minutes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${link.token}` },
    body: new URLSearchParams({
      version: '2',
      revision: '0',
      markdown: '# محضر جمعية عيد العمال\n\n- دفع الصندوق لـ 42 عائلة هذا الشهر.\n- **أُقرّ:** المسيرة تنطلق الساعة 10.',
    }),
    redirect: 'manual',
  });
  expect(saved.status).toBe(303);
  const page = await open((await mintLink(h.server.url, asm, { role: 'reader' })).token, { viewport: PHONE });
  await page.getByRole('link', { name: 'العربية' }).click();
  await page.waitForURL(/lang=ar/);
  const article = page.getByTestId('minutes');
  expect(await article.getAttribute('lang')).toBe('ar');
  expect(await article.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
  // The heading starts at the right edge of the column, as Arabic does.
  const gap = await article.locator('h1').evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return Math.round(el.getBoundingClientRect().right - range.getBoundingClientRect().right);
  });
  expect(gap).toBeLessThanOrEqual(1);
  await expectAxeClean(page, 'minutes in Arabic on an English page, phone');
  await shot(page, 'reader-minutes-ar-390');
});
