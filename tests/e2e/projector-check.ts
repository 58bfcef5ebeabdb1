/**
 * What every projector state must hold ([N25], [R1]): the page does not scroll either way, the
 * QR and the join code are whole, in view and on top (the element drawn at each of their corners
 * is theirs), no axe violation, no missing-key mark; and a screenshot for a person to look at.
 */
import fs from 'node:fs';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually } from '../helpers/clients.js';
import { expectAxeClean } from './axe.js';
import type { CreatedAssembly } from '../helpers/server.js';
import { waitLive, type Harness } from './harness.js';

/** Fails unless the projector fits its window with the join block whole; then axe, then a screenshot to `shots` (if it exists). */
export async function expectProjectorFits(page: Page, label: string, { axe = true, shots }: { axe?: boolean; shots?: string } = {}): Promise<void> {
  await eventually(async () => {
    const m = await page.evaluate(() => ({
      sh: document.documentElement.scrollHeight,
      ih: innerHeight,
      sw: document.documentElement.scrollWidth,
      iw: innerWidth,
    }));
    expect(m.sh, `${label}: page height`).toBeLessThanOrEqual(m.ih);
    expect(m.sw, `${label}: page width`).toBeLessThanOrEqual(m.iw);
    for (const id of ['join-qr', 'join-code']) {
      const whole = await page.getByTestId(id).evaluate((el) => {
        const r = el.getBoundingClientRect();
        const inset = 2;
        const corners = [
          [r.left + inset, r.top + inset],
          [r.right - inset, r.top + inset],
          [r.left + inset, r.bottom - inset],
          [r.right - inset, r.bottom - inset],
        ];
        const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
        return inside && r.width > 0 && corners.every(([x, y]) => el.contains(document.elementFromPoint(x, y)));
      });
      expect(whole, `${label}: ${id} whole and in view`).toBe(true);
    }
  });
  expect(await page.locator('body').textContent(), `${label}: a missing key`).not.toContain('⟦missing⟧');
  if (axe) await expectAxeClean(page, label);
  if (shots && fs.existsSync(shots)) await page.screenshot({ path: `${shots}/${label}.png` });
}

/** `n` characters of the seed's words, repeated: the longest content a room can put on the wall. */
export function words(n: number, seed: string): string {
  const out: string[] = [];
  const pool = seed.split(' ');
  for (let i = 0; out.join(' ').length < n; i++) out.push(pool[i % pool.length]);
  return out.join(' ').slice(0, n).trim();
}

/** The projector sizes every state must fit. */
export const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

export const TITLE = words(
  200,
  'Report-back and vote on the joint strike fund, the picket rota for the warehouse campaign, childcare during actions and the Somali, Spanish and Hmong interpretation budget',
);
export const ANNOUNCEMENT = words(
  280,
  'The kitchen crew asks everyone to bring cups back to the tables by the stage; the lost and found is at the check-in desk; childcare is in room 104 until nine, and the bus to the picket leaves at seven sharp from the north door',
);
export const SPEAKER = words(60, 'Maria Guadalupe Hernández-Ochoa de la Cruz y Villanueva Ramírez');
export const PROPOSAL = words(
  400,
  'That the assembly sets up a joint strike fund held by the tenants union and the warehouse committee, paying strikers weekly from the first week, with a monthly report to this assembly and an audit by two people chosen by lot',
);
export const AMENDMENT = (n: number) =>
  words(
    250,
    `Amendment ${n}: the fund also pays for childcare and transport for anyone on the picket line, and the report is translated into every language of the room before it is read out`,
  );
export const PROMPT = (n: number) =>
  words(
    290,
    `Question ${n}: what is your workplace ready to do on May Day, what do you need from the other workplaces, the unions and the neighbourhood committees to get there, and who will ask them before the next assembly`,
  );

/** A projector at each of SIZES, its page in English (a new person each, joined by the attendee link). */
export async function openProjectors(h: Harness, asm: CreatedAssembly): Promise<Page[]> {
  const pages: Page[] = [];
  for (const viewport of SIZES) {
    const page = await (await h.person({ viewport })).newPage();
    await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
    await page.goto(`${h.server.url}/a/${asm.id}/screen`);
    await waitLive(page);
    pages.push(page);
  }
  return pages;
}
