/**
 * Screens that tell the truth (issue 12, defects 5, 9, 10), in Chromium: another note-taker's
 * cursor is visible and readable, the minutes editor claims no live connection it does not have,
 * and a screen whose link was revoked stops offering controls and says what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { planRound, startRound } from '../../app/model/breakouts.js';
import { goToItem } from '../../app/model/run.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Truthful screens');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  const item = addItem(plenary.doc, { title: 'Breakouts', kind: 'breakout', minutes: 30 });
  goToItem(plenary.doc, item, Date.now());
  planRound(plenary.doc, item, { prompts: ['What can your shop do?'], minutes: 20, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
  startRound(plenary.doc, item, Date.now());
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

/** Opens a link in a fresh browser context and waits until its page is live. */
async function open(token: string, path: RegExp): Promise<Page> {
  const page = await (await h.person({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${h.server.url}/join/${token}`);
  await page.waitForURL(path);
  await waitLive(page);
  return page;
}

/** `rgb(r, g, b)` / `rgba(r, g, b, a)` as the browser computes it. */
function parseRgb(css: string): { rgb: [number, number, number]; alpha: number } {
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(css);
  if (!m) throw new Error(`not an rgb colour: ${css}`);
  return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha: m[4] === undefined ? 1 : Number(m[4]) };
}

/** WCAG 2 relative luminance and contrast ratio, computed here independently of the app's code. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('named cursors', () => {
  it('[H6] the other note-taker’s cursor label has an opaque background readable against its text (WCAG AA 4.5:1)', async () => {
    // Names whose hues fall in the light yellows and greens, where a fixed lightness fails AA.
    const names = ['Amina', 'Bao', 'Yusuf', 'Guadalupe'];
    const pages: Page[] = [];
    for (const name of names) {
      const { token } = await mintLink(h.server.url, asm, { role: 'note-taker', scope: 't1', label: name });
      const page = await open(token, /\/breakout\/t1$/);
      await page.getByLabel('Your name (shown at your cursor to the other note-takers)').fill(name);
      await page.getByTestId('notes-editor').click();
      pages.push(page);
    }
    await pages[0].keyboard.type('Walkout at seven. ');
    for (const name of names.slice(1)) {
      const label = pages[0].locator('.plenary-caret-label', { hasText: name });
      await label.waitFor();
      const { background, color } = await label.evaluate((el) => {
        const style = getComputedStyle(el);
        return { background: style.backgroundColor, color: style.color };
      });
      const bg = parseRgb(background);
      expect(bg.alpha, `${name}'s label background ${background}`).toBe(1);
      const fg = parseRgb(color);
      expect(contrast(bg.rgb, fg.rgb), `${name}: ${background} behind ${color}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('the minutes editor', () => {
  it('[H7] shows no "Live" badge: the page is a plain form, not a live connection', async () => {
    const page = await (await h.person({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
    await page.goto(`${h.server.url}/a/${asm.id}/minutes/edit`);
    await page.getByRole('button', { name: 'Publish' }).waitFor();
    expect(await page.getByTestId('connection').count()).toBe(0);
    expect(await page.getByText('Live', { exact: true }).count()).toBe(0);
  });
});

describe('a revoked link', () => {
  it('[H8] a stack-keeper whose link is revoked while the page is open gets disabled controls and is told to ask for a new link', async () => {
    const { id, token } = await mintLink(h.server.url, asm, { role: 'stack-keeper', label: 'Keeper' });
    const keeper = await open(token, new RegExp(`/a/${asm.id}/stack$`));
    const add = keeper.getByTestId('next-speaker');
    expect(await add.isEnabled()).toBe(true);
    expect(await keeper.getByRole('alert').filter({ hasText: 'This link no longer works' }).count()).toBe(0);

    const res = await fetch(`${h.server.url}/api/assemblies/${asm.id}/links/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${asm.facilitatorToken}` },
    });
    expect(res.status).toBe(204);
    await keeper.locator('[data-testid="connection"][data-status="denied"]').waitFor();

    await keeper.getByRole('alert').filter({ hasText: 'This link no longer works' }).filter({ hasText: 'Ask a facilitator for a new link' }).waitFor();
    // Every control in the page's body is disabled: buttons, text fields, selects, tick boxes.
    await eventually(async () => {
      const controls = await keeper
        .locator('main')
        .locator('button, input, select, textarea')
        .evaluateAll((els) =>
          els.map((e) => ({
            name: e.getAttribute('aria-label') ?? e.textContent ?? e.getAttribute('name') ?? e.tagName,
            disabled: (e as HTMLButtonElement).matches(':disabled'),
          })),
        );
      expect(controls.length).toBeGreaterThan(3);
      expect(controls.filter((c) => !c.disabled)).toEqual([]);
    });
  });

  it('[H8] a second facilitator’s console, revoked while open, disables its forms and says so', async () => {
    const { id, token } = await mintLink(h.server.url, asm, { role: 'facilitator', label: 'Second laptop' });
    const console_ = await open(token, new RegExp(`/a/${asm.id}/facilitate$`));
    expect(await console_.getByRole('button', { name: 'Make link' }).isEnabled()).toBe(true);
    const res = await fetch(`${h.server.url}/api/assemblies/${asm.id}/links/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${asm.facilitatorToken}` },
    });
    expect(res.status).toBe(204);
    await console_.getByRole('alert').filter({ hasText: 'This link no longer works' }).waitFor();
    await eventually(async () => {
      const enabled = await console_.locator('main').locator('button:enabled, input:enabled, select:enabled, textarea:enabled').count();
      expect(enabled).toBe(0);
    });
    expect(await console_.locator('main').locator('button:disabled').count()).toBeGreaterThan(3);
  });

  it('[H8] the same message, in Spanish (tú), on a note-taker’s table page, and its editor takes no typing', async () => {
    const { id, token } = await mintLink(h.server.url, asm, { role: 'note-taker', scope: 't2', label: 'Tomás' });
    const page = await (await h.person({ locale: 'es-ES', viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${h.server.url}/join/${token}`);
    await page.waitForURL(/\/breakout\/t2$/);
    await waitLive(page);
    const editor = page.getByTestId('notes-editor');
    await editor.waitFor();
    await fetch(`${h.server.url}/api/assemblies/${asm.id}/links/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${asm.facilitatorToken}` } });
    await page.getByRole('alert').filter({ hasText: 'Este enlace ya no funciona' }).filter({ hasText: 'Pide un enlace nuevo a quien facilita' }).waitFor();
    await eventually(async () => expect(await editor.getAttribute('contenteditable')).toBe('false'));
    expect(await page.getByRole('toolbar').first().locator('button:enabled').count()).toBe(0);
  });
});
