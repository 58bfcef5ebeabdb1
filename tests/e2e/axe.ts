/**
 * axe-core in the browser tests ([N30]): the WCAG 2.0 A/AA, 2.1 A/AA and 2.2 AA rules, run on a
 * page as it is served. axe's source goes in through `page.evaluate` (the DevTools protocol), not
 * `addScriptTag`: our pages send a strict CSP with script nonces ([X3]) that refuses an injected
 * `<script>`, and a context with `bypassCSP` would test a page other than the one people get.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule tags Plenary answers to (issue 13). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; summary: string }[];
}

/**
 * Opens `url` as a browser without JavaScript renders it, in a context that has JavaScript (axe
 * needs it: with scripts off Chromium runs no timers, and axe waits on them): the server's page
 * with its `<script>`s and module preloads taken out and its `<noscript>` content shown, as a
 * script-less browser would. The page's own headers (its CSP too) are kept.
 */
export async function gotoWithoutScripts(page: Page, url: string): Promise<void> {
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const html = (await response.text())
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
      .replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, '')
      // The no-JavaScript refresh would reload the page under axe's feet.
      .replace(/<meta\b[^>]*http-equiv="refresh"[^>]*>/gi, '')
      .replace(/<\/?noscript>/gi, '');
    await route.fulfill({ response, body: html });
  });
  await page.goto(url);
  await page.unroute(url);
}

/** Runs axe on the page (injecting it once per document) and returns what it found. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Two frames: transitions and the first paint of live content settle (axe measures colours as drawn).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<Record<string, unknown>> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: (v.impact as string) ?? null,
      help: v.help as string,
      nodes: (v.nodes as Array<Record<string, unknown>>).map((n) => ({
        target: (n.target as unknown[]).map(String),
        html: String(n.html).slice(0, 160),
        summary: String(n.failureSummary ?? '')
          .replace(/\s+/g, ' ')
          .slice(0, 300),
      })),
    }));
  }, AXE_TAGS);
}

/** One violation per paragraph: rule, impact, what it asks, and up to five offending elements. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}\n      ${n.html}\n      ${n.summary}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    …and ${v.nodes.length - 5} more` : '';
      return `  [${v.id}] (${v.impact}) ${v.help}\n${nodes}${more}`;
    })
    .join('\n');
}

/** Fails with a readable list when axe finds anything on the page; `label` names the page and state. */
export async function expectAxeClean(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) throw new Error(`axe found ${violations.length} kind(s) of violation on ${label}:\n${describeViolations(violations)}`);
}
