/** A note-taker at a breakout table, through the real page: joined by link, named, editor ready. */
import type { BrowserContext, Page } from 'playwright-core';
import { mintLink, type CreatedAssembly } from '../helpers/server.js';
import { waitLive, type Harness } from './harness.js';

/** A new person with a note-taker link for `table`, on the table's page with their name typed. */
export async function openNoteTaker(h: Harness, asm: CreatedAssembly, table: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const { token } = await mintLink(h.server.url, asm, { role: 'note-taker', scope: table, label: name });
  const context = await h.person();
  const page = await context.newPage();
  await page.goto(`${h.server.url}/join/${token}`);
  await page.waitForURL(new RegExp(`/breakout/${table}$`));
  await waitLive(page);
  await page.getByLabel('Your name (shown at your cursor to the other note-takers)').fill(name);
  await page.getByTestId('notes-editor').waitFor();
  return { context, page };
}

/** The notes as written (other people's cursor labels are in the editor's DOM, not in the text). */
export const notesText = (page: Page) =>
  page.evaluate(() => {
    const copy = document.querySelector('[data-testid="notes-editor"]')!.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.plenary-caret').forEach((n) => n.remove());
    return copy.textContent ?? '';
  });
