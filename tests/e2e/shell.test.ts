import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLanguage, startHarness, waitLive, type Harness } from './harness.js';
import { eventually } from '../helpers/clients.js';
import { MISSING_MARK } from '../../app/i18n/i18n.js';

let h: Harness;
let assemblyId: string;
let facilitatorUrl: string;
let joinUrl: string;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.close());

describe('app shell in Chromium', () => {
  it('[H3] creates an assembly in the browser and shows the facilitator key until it is saved', async () => {
    const ctx = await h.person({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(h.server.url);
    await page.getByLabel('Name of the assembly').fill('Twin Cities general assembly');
    await page.getByLabel('Place').fill('Union hall, 312 Central Ave');
    await page.getByLabel('Date and time').fill('2026-01-23T10:00');
    await page.getByLabel('Spanish').check();
    await page.getByRole('button', { name: 'Create the assembly' }).click();
    await page.waitForURL(/\/a\/[A-Za-z0-9_-]+\/facilitate$/);
    assemblyId = page.url().split('/a/')[1].split('/')[0];
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Your facilitator key').waitFor();
    facilitatorUrl = await page.locator('[role="alertdialog"] input').inputValue();
    expect(facilitatorUrl).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    // A stray reload before saving it does not lose the key.
    await page.reload();
    expect(await page.locator('[role="alertdialog"] input').inputValue()).toBe(facilitatorUrl);
    await dialog.getByRole('link', { name: 'I have saved it' }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    joinUrl = await page.locator('input[aria-label="Join link for attendees"]').inputValue();
    expect(joinUrl).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId('assembly-title').textContent()).resolves.toBe('Twin Cities general assembly');
    await waitLive(page);
    // Shown once: coming back to the console no longer shows the key.
    await page.reload();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await page.content()).not.toContain(facilitatorUrl);
    await waitLive(page);
  });

  it('an attendee and the projector, in their own contexts, see the title and a live connection', async () => {
    const attendee = await (await h.person()).newPage();
    await attendee.goto(joinUrl);
    await attendee.waitForURL(new RegExp(`/a/${assemblyId}$`));
    expect(await attendee.getByTestId('assembly-title').textContent()).toBe('Twin Cities general assembly');
    await waitLive(attendee);
    expect(await attendee.getByText('Union hall, 312 Central Ave').count()).toBe(1);

    const projectorContext = await h.person({ viewport: { width: 1920, height: 1080 } });
    const projector = await projectorContext.newPage();
    await projector.goto(facilitatorUrl);
    await projector.goto(`${h.server.url}/a/${assemblyId}/screen`);
    expect(await projector.getByTestId('assembly-title').textContent()).toBe('Twin Cities general assembly');
    await waitLive(projector);
    expect(await projector.locator('[data-testid="join-qr"] svg').count()).toBe(1);
    // The long link is the QR's; the wall shows the short code people can type ([N20]).
    expect(await projector.getByTestId('join-code').textContent()).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
  });

  it('a page without the right link answers 401 or 403', async () => {
    const stranger = await (await h.person()).newPage();
    const res = await stranger.goto(`${h.server.url}/a/${assemblyId}`);
    expect(res?.status()).toBe(401);
    const attendee = await (await h.person()).newPage();
    await attendee.goto(joinUrl);
    const forbidden = await attendee.goto(`${h.server.url}/a/${assemblyId}/facilitate`);
    expect(forbidden?.status()).toBe(403);
    expect(await attendee.getByText('Your link does not open this page.').count()).toBe(1);
    const nothing = await attendee.goto(`${h.server.url}/a/no-such-assembly`);
    expect(nothing?.status()).toBe(404);
  });

  it('with JavaScript off the attendee page still renders the assembly', async () => {
    const page = await (await h.person({ javaScript: false })).newPage();
    await page.goto(joinUrl);
    expect(await page.getByTestId('assembly-title').textContent()).toBe('Twin Cities general assembly');
    expect(await page.getByText('Union hall, 312 Central Ave').count()).toBe(1);
    // Switching language is a plain form post.
    await chooseLanguage(page, 'Español');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.getByText('Estás en la asamblea').count()).toBe(1);
  });

  it('with JavaScript off an assembly can still be created (a plain form post passes the CSRF check)', async () => {
    const page = await (await h.person({ javaScript: false, viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(h.server.url);
    await page.getByLabel('Name of the assembly').fill('Assembly made without JavaScript');
    await page.getByRole('button', { name: 'Create the assembly' }).click();
    await page.waitForURL(/\/facilitate$/);
    expect(await page.getByTestId('assembly-title').textContent()).toBe('Assembly made without JavaScript');
    expect(await page.locator('[role="alertdialog"] input').inputValue()).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
  });

  it('switching to Spanish translates every visible string, on every page', async () => {
    const ctx = await h.person({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(facilitatorUrl);
    await waitLive(page);
    for (const path of ['/facilitate', '', '/screen', '/stack', '/minutes', '/minutes/edit', '/notes', '/breakout/g1']) {
      await page.goto(`${h.server.url}/a/${assemblyId}${path}`);
      expect(await page.locator('body').innerText(), path).not.toContain(MISSING_MARK);
    }
    await page.goto(`${h.server.url}/a/${assemblyId}/facilitate`);
    await chooseLanguage(page, 'Español');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    for (const path of ['/facilitate', '', '/screen', '/stack', '/minutes', '/minutes/edit', '/notes', '/breakout/g1']) {
      await page.goto(`${h.server.url}/a/${assemblyId}${path}`);
      const text = await page.locator('body').innerText();
      expect(text, path).not.toContain(MISSING_MARK);
      for (const english of ['Live', 'Connecting', 'Language', 'Join on your phone', 'Facilitator console', 'Revoke', 'Minutes']) {
        expect(
          text.split(/\n/).some((line) => line.trim() === english),
          `${path}: "${english}"`,
        ).toBe(false);
      }
    }
    await page.goto(`${h.server.url}/a/${assemblyId}/facilitate`);
    await waitLive(page);
    expect(await page.getByText('Consola de facilitación').count()).toBe(1);
    expect(await page.getByTestId('connection').textContent()).toBe('En vivo');
    await page.goto(h.server.url);
    expect(await page.getByText('Empezar una asamblea').count()).toBe(1);
  });

  it('no page makes a request to any other origin', async () => {
    const origin = new URL(h.server.url).origin;
    expect(h.requests.length).toBeGreaterThan(10);
    const foreign = h.requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin && new URL(u).origin !== origin.replace('http', 'ws'));
    expect(foreign).toEqual([]);
  });

  it('[X3] pages carry a nonce-based Content-Security-Policy', async () => {
    const res = await fetch(h.server.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("connect-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

describe('links from the console', () => {
  it('a facilitator mints a stack-keeper link with its QR code, and revoking it cuts the keeper off at once', async () => {
    const console_ = await (await h.person({ viewport: { width: 1280, height: 900 } })).newPage();
    await console_.goto(facilitatorUrl);
    await waitLive(console_);
    await console_.getByLabel('Role').selectOption('stack-keeper');
    await console_.getByLabel('Label (who it is for)').fill('Amina, stack');
    await console_.getByRole('button', { name: 'Make link' }).click();
    const minted = console_.getByTestId('minted-link');
    await minted.waitFor();
    expect(await minted.locator('svg').count()).toBe(1);
    const keeperUrl = await minted.locator('input').inputValue();
    expect(keeperUrl).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    // A second link does not hide the first before it was copied; this one is voice only.
    await console_.getByLabel('Role').selectOption('attendee');
    await console_.getByLabel('Label (who it is for)').fill('Observer from the press');
    await console_.getByLabel('Voice only (can speak, cannot vote)').check();
    await console_.getByRole('button', { name: 'Make link' }).click();
    await eventually(async () => expect(await console_.getByTestId('minted-link').count()).toBe(2));
    expect(
      await console_
        .getByTestId('minted-link')
        .locator('input')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).toContain(keeperUrl);
    await console_.getByTestId('link-list').locator('li', { hasText: 'Observer from the press' }).getByText('Voice only', { exact: false }).waitFor();

    const keeper = await (await h.person({ viewport: { width: 1280, height: 900 } })).newPage();
    await keeper.goto(keeperUrl);
    await keeper.waitForURL(new RegExp(`/a/${assemblyId}/stack$`));
    await waitLive(keeper);

    const row = console_.getByTestId('link-list').locator('li', { hasText: 'Amina, stack' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await console_.getByRole('dialog').getByRole('button', { name: 'Revoke the link' }).click(); // it asks first [H10]
    await row.getByText('Revoked').waitFor();
    await keeper.locator('[data-testid="connection"][data-status="denied"]').waitFor();
    expect(await keeper.getByTestId('connection').textContent()).toContain('Your link no longer works');
    const again = await keeper.goto(`${h.server.url}/a/${assemblyId}/stack`);
    expect(again?.status()).toBe(401);
  });
});
