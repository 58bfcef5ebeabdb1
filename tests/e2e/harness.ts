/**
 * Browser tests: Debian's Chromium driven by playwright-core against a real Plenary process on a
 * free port with a fresh data folder. One browser per test file; one context per person.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { tempDataDir } from '../helpers/server.js';
import { MISSING_TEXT } from '../../app/i18n/translate.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  server: ChildServer;
  /** The server's data folder (its SQLite file is `plenary.sqlite` in it). */
  dataDir: string;
  browser: Browser;
  /** Every URL any page of any context requested. */
  requests: string[];
  /**
   * Kills the server (SIGKILL, mid-whatever) and starts it again on the same port and data;
   * `meanwhile` runs while it is down (e.g. to write straight into its store).
   */
  restart(meanwhile?: () => Promise<void>): Promise<void>;
  person(options?: { javaScript?: boolean; locale?: string; viewport?: { width: number; height: number } }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** `env`: extra environment for the server process (e.g. LOCALES_DIR), kept across restarts. */
export async function startHarness({ env = {} }: { env?: Record<string, string> } = {}): Promise<Harness> {
  const dataDir = tempDataDir('plenary-e2e-');
  let server = await spawnServer(dataDir, env);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const requests: string[] = [];
  const contexts: BrowserContext[] = [];
  // A key a page asked for and was not sent (ADR 031, [PF22]): every e2e file fails on one.
  const missing = new Set<string>();
  return {
    get server() {
      return server;
    },
    browser,
    requests,
    dataDir,
    async restart(meanwhile) {
      const port = new URL(server.url).port;
      server.process.kill('SIGKILL');
      await server.exited;
      await meanwhile?.();
      server = await spawnServer(dataDir, { ...env, PORT: port });
    },
    async person({ javaScript = true, locale = 'en-US', viewport = { width: 390, height: 844 } } = {}) {
      const context = await browser.newContext({ javaScriptEnabled: javaScript, locale, viewport });
      context.setDefaultTimeout(10_000);
      context.on('request', (r) => requests.push(r.url()));
      context.on('console', (m) => {
        if (m.text().startsWith(MISSING_TEXT)) missing.add(`${m.text().slice(MISSING_TEXT.length)} (${m.location().url})`);
      });
      contexts.push(context);
      return context;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      server.process.kill('SIGTERM');
      await server.exited;
      if (missing.size > 0) throw new Error(`a page showed keys it was not sent (run npm run i18n:pages?): ${[...missing].join(', ')}`);
    },
  };
}

/** Waits until the page's connection indicator says it is live. */
export async function waitLive(page: Page): Promise<void> {
  await page.locator('[data-testid="connection"][data-status="connected"]').first().waitFor({ timeout: 15_000 });
}

/**
 * Picks a language with the page's switcher, whichever form it has: one button per language (up
 * to three), or a list and a button (more than three, once the issue-14 catalogues are in).
 */
export async function chooseLanguage(page: Page, name: string): Promise<void> {
  const form = page.getByTestId('language-switcher').first();
  const list = form.getByRole('combobox');
  if (await list.count()) {
    await list.selectOption({ label: name });
    await form.getByRole('button').click();
  } else {
    await form.getByRole('button', { name }).click();
  }
  await page.waitForLoadState('load');
}
