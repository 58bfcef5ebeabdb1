/**
 * The console's own refusals in the facilitator's language ([L30]): what the model refuses in the
 * browser (a round of 0 minutes, an empty proposal) shows in Spanish on a Spanish console, with
 * its numbers; and the assembly's start time in its own zone, whatever the laptop's ([L34]).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type Client } from '../helpers/clients.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { setMeta } from '../../app/model/meta.js';

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Asamblea de Chicago');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  setMeta(plenary.doc, { startsAt: '2026-05-01T18:00', timeZone: 'America/Chicago' });
  const item = addItem(plenary.doc, { title: 'Grupos por idioma', kind: 'breakout', minutes: 30 });
  goToItem(plenary.doc, item, Date.now());
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

it('[L30] a round of 0 minutes and an empty proposal are refused in Spanish on a Spanish console', async () => {
  const page = await (await h.person({ locale: 'es', viewport: { width: 1366, height: 900 } })).newPage();
  await page.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  await waitLive(page);
  const form = page.getByTestId('round-form');
  await form.locator('#round-minutes').fill('0');
  await form.getByRole('button', { name: 'Preparar la ronda' }).click();
  const panel = page.getByTestId('breakout-panel');
  await panel.getByRole('alert').getByText('Una ronda dura de 1 a 240 minutos.').waitFor();
  expect(await panel.textContent()).not.toContain('a round lasts');

  const proposals = page.getByTestId('proposals-panel');
  await proposals.getByRole('button', { name: 'Añadir propuesta' }).click();
  await proposals.getByRole('alert').getByText('Escribe la propuesta.').waitFor();
  expect(await proposals.textContent()).not.toContain('is needed');
});

it('[L34] a laptop set to Tokyo shows the start time on Chicago’s clock, named', async () => {
  const context = await h.browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Tokyo', viewport: { width: 1366, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
    await waitLive(page);
    await expect.poll(async () => page.getByTestId('meta-when').first().textContent()).toMatch(/^Friday, May 1, 2026 at 6:00\sPM CDT$/);
  } finally {
    await context.close();
  }
});
