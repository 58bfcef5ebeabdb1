/**
 * axe-core on every page and state that matters, in English and in Spanish ([N30]): zero
 * violations of WCAG 2.0 A/AA, 2.1 A/AA and 2.2 AA. Each test walks its pages and collects what axe
 * finds, so one run lists every violation with the page and state it was found on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { axeViolations, describeViolations, gotoWithoutScripts } from './axe.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { addProposal, setOutcome } from '../../app/model/proposals.js';
import { nextSpeaker, raiseHand } from '../../app/model/stack.js';
import { planRound, readRound, startRound } from '../../app/model/breakouts.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const LAPTOP = { width: 1366, height: 768 };
const PROJECTOR = { width: 1280, height: 720 };

/** Collects violations per page and state; `check()` fails once with all of them. */
class Audit {
  private found: string[] = [];
  constructor(private readonly locale: string) {}
  async page(page: Page, label: string): Promise<void> {
    await page.waitForLoadState('load');
    const v = await axeViolations(page);
    if (v.length) this.found.push(`${label} (${this.locale}):\n${describeViolations(v)}`);
  }
  check(): void {
    if (this.found.length) throw new Error(`axe violations:\n${this.found.join('\n\n')}`);
    expect(this.found).toEqual([]);
  }
}

describe.each([
  ['en-US', 'en'],
  ['es-ES', 'es'],
])('[N30] %s', (locale, lang) => {
  let asm: CreatedAssembly;
  let plenary: Client;
  let itemId: string;
  let roundItem: string;
  let facilitator: Phone;
  const person = (options: { javaScript?: boolean; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> =>
    h.person({ locale, ...options });
  const open = async (token: string, path?: string, options: { javaScript?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> => {
    const page = await (await person(options)).newPage();
    await page.goto(`${h.server.url}/join/${token}`);
    if (path !== undefined) await page.goto(`${h.server.url}/a/${asm.id}${path}`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    return page;
  };

  beforeAll(async () => {
    asm = await createAssembly(h.server.url, `Audit hall ${lang}`);
    plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
    await plenary.synced;
    facilitator = new Phone(h.server.url, asm.facilitatorToken);
    itemId = addItem(plenary.doc, { title: 'Strike vote at the warehouse, and what each shift can do about it', kind: 'proposal', minutes: 30 });
    roundItem = addItem(plenary.doc, { title: 'Breakouts by shift', kind: 'breakout', minutes: 20 });
    addItem(plenary.doc, { title: 'Next steps', kind: 'discussion', minutes: 10 });
    planRound(plenary.doc, roundItem, {
      prompts: ['What can your shift do?'],
      minutes: 12,
      assignment: 'count-off',
      tables: [{ label: '' }, { label: 'Night shift' }],
    });
  }, 60_000);
  afterAll(() => plenary?.destroy());

  /** A room of its own: an item with a vote and a planned round (not started). */
  async function freshRoom(title: string, current = true) {
    const room = await createAssembly(h.server.url, title);
    const doc = connect(h.server.syncUrl, `${room.id}/plenary`, room.facilitatorToken);
    await doc.synced;
    const item = addItem(doc.doc, { title: 'Strike vote at the warehouse, and what each shift can do about it', kind: 'proposal', minutes: 30 });
    const round = addItem(doc.doc, { title: 'Breakouts by shift', kind: 'breakout', minutes: 20 });
    planRound(doc.doc, round, {
      prompts: ['What can your shift do?'],
      minutes: 12,
      assignment: 'count-off',
      tables: [{ label: '' }, { label: 'Night shift' }],
    });
    if (current) goToItem(doc.doc, item, Date.now());
    return { asm: room, plenary: doc, facilitator: new Phone(h.server.url, room.facilitatorToken), itemId: item, roundItem: round };
  }

  it('the create page (with and without JavaScript), the facilitator key dialog, /language and the error pages', async () => {
    const audit = new Audit(locale);
    for (const javaScript of [false, true]) {
      const page = await (await person()).newPage();
      if (javaScript) await page.goto(`${h.server.url}/`);
      else await gotoWithoutScripts(page, `${h.server.url}/`);
      await audit.page(page, `create page, JavaScript ${javaScript ? 'on' : 'off'}`);
      if (!javaScript) continue;
      // A refused form (no title) shows its errors.
      await page.locator('#title').fill('   ');
      await page.locator('#title').press('Enter');
      await page.locator('[aria-invalid="true"]').first().waitFor();
      await audit.page(page, 'create page with a field error');
      await page.locator('#title').fill(`Created hall ${lang}`);
      await page.locator('#title').press('Enter');
      await page.waitForURL(/\/facilitate/);
      await page.getByTestId('key-dialog').waitFor();
      await audit.page(page, 'facilitator key dialog');
    }
    const page = await (await person()).newPage();
    // GET /language (a reloaded or bookmarked form address) goes somewhere real, not a 500.
    const language = await page.goto(`${h.server.url}/language?back=/`);
    expect(language?.status()).toBe(200);
    await audit.page(page, '/language');
    const missing = await page.goto(`${h.server.url}/a/nosuchassembly00/screen`);
    expect(missing?.status()).toBe(404);
    await audit.page(page, 'error page 404');
    await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
    const refused = await page.goto(`${h.server.url}/a/${asm.id}/facilitate`);
    expect(refused?.status()).toBe(403);
    await audit.page(page, 'error page 403');
    audit.check();
  }, 90_000);

  it('the console: before the start, a vote with proposals, its confirm dialog, a breakout round; the stack-keeper', async () => {
    const audit = new Audit(locale);
    const console_ = await open(asm.facilitatorToken, '/facilitate', { viewport: LAPTOP });
    await waitLive(console_);
    await audit.page(console_, 'console before the start');

    goToItem(plenary.doc, itemId, Date.now());
    raiseHand(plenary.doc, { name: 'Dalia', kind: 'speak' }, Date.now());
    raiseHand(plenary.doc, { name: 'Chao', kind: 'direct' }, Date.now());
    nextSpeaker(plenary.doc, Date.now());
    const first = addProposal(plenary.doc, { itemId, text: 'We strike on Friday', by: 'Khadra' }, Date.now());
    addProposal(plenary.doc, { itemId, text: 'We strike on Monday instead', by: 'Ana' }, Date.now());
    await eventually(async () => expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId: first })).toBe(200));
    await console_.getByTestId('proposal').nth(1).waitFor();
    await console_
      .getByTestId('vote-state')
      .first()
      .waitFor()
      .catch(() => {});
    await audit.page(console_, 'console during a vote with proposals');

    const keeper = await open((await mintLink(h.server.url, asm, { role: 'stack-keeper', label: 'Front' })).token, '/stack', { viewport: LAPTOP });
    await waitLive(keeper);
    await audit.page(keeper, 'stack-keeper screen');

    goToItem(plenary.doc, roundItem, Date.now());
    startRound(plenary.doc, roundItem, Date.now());
    await console_.getByTestId(`tile-${roundItem}-t1`).waitFor();
    await audit.page(console_, 'console during a breakout round');
    // "End round" with time left asks first: the dialog is open.
    await console_.locator('form:has(input[name="intent"][value="end-round"]) button[type="submit"]').first().click();
    await console_.locator('dialog[open]').waitFor();
    await audit.page(console_, 'console with the confirm dialog open');
    await console_.keyboard.press('Escape');
    audit.check();
  }, 120_000);

  it('the attendee phone: idle, hand raised, your turn, a vote open, a tap waiting in the outbox, in a round', async () => {
    const audit = new Audit(locale);
    const room = await freshRoom(`Phone hall ${lang}`);
    const [code] = await issueCodes(room.facilitator, room.asm.id, 1);
    const phone = await (await person()).newPage();
    await phone.goto(`${h.server.url}/join/${room.asm.attendeeToken}`);
    await waitLive(phone);
    await audit.page(phone, 'phone idle');

    await phone.locator('input[name="name"]').first().fill('Hodan');
    await phone.locator('input[name="name"]').first().press('Enter');
    await phone.getByTestId('my-entry').waitFor();
    await audit.page(phone, 'phone with a hand raised');

    nextSpeaker(room.plenary.doc, Date.now());
    await phone.getByTestId('your-turn').waitFor();
    await audit.page(phone, 'phone: your turn banner');
    await phone.getByTestId('your-turn').getByRole('button').click();

    await phone.locator('#voting-code').fill(code);
    await phone.locator('#voting-code').press('Enter');
    await phone.getByTestId('has-right').waitFor();
    const proposalId = addProposal(room.plenary.doc, { itemId: room.itemId, text: 'The night shift walks out at six' }, Date.now());
    await eventually(async () => expect(await room.facilitator.send(`/a/${room.asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(200));
    await phone.locator('#vote button').first().waitFor();
    await audit.page(phone, 'phone with a vote open');

    // Offline: the tap waits in the outbox.
    await phone.context().setOffline(true);
    await phone.locator('#vote button').first().click();
    await phone.locator('[data-testid="outbox"][data-phase="waiting"]').waitFor();
    await audit.page(phone, 'phone with a tap waiting in the outbox');
    await phone.context().setOffline(false);
    await phone.getByTestId('voted').waitFor({ timeout: 20_000 });
    await audit.page(phone, 'phone after voting');

    goToItem(room.plenary.doc, room.roundItem, Date.now());
    startRound(room.plenary.doc, room.roundItem, Date.now());
    const tables = phone.locator('#table button[name="table"]');
    await tables.first().waitFor();
    await audit.page(phone, 'phone in a round, before choosing a table');
    await tables.last().click();
    await phone.getByTestId('seat-code').waitFor();
    await audit.page(phone, 'phone in a round, at a table');
    room.plenary.destroy();
    audit.check();
  }, 120_000);

  it('the projector: before the start, the agenda, a speaker, a vote result, a round', async () => {
    const audit = new Audit(locale);
    const room = await freshRoom(`Projector hall ${lang}`, false);
    const screen = await (await person({ viewport: PROJECTOR })).newPage();
    await screen.goto(`${h.server.url}/join/${room.asm.attendeeToken}`);
    await screen.goto(`${h.server.url}/a/${room.asm.id}/screen`);
    await waitLive(screen);
    await audit.page(screen, 'projector before the start');
    goToItem(room.plenary.doc, room.itemId, Date.now());
    await screen.getByTestId('next-item').waitFor();
    await audit.page(screen, 'projector with the agenda (now and next)');
    raiseHand(room.plenary.doc, { name: 'Zainab', kind: 'speak' }, Date.now());
    raiseHand(room.plenary.doc, { name: 'Chao', kind: 'direct' }, Date.now());
    nextSpeaker(room.plenary.doc, Date.now());
    await screen.getByTestId('screen-speaker').waitFor();
    await audit.page(screen, 'projector with a speaker');
    const proposalId = addProposal(room.plenary.doc, { itemId: room.itemId, text: 'Dues go to the strike fund' }, Date.now());
    await eventually(async () => expect(await room.facilitator.send(`/a/${room.asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(200));
    await eventually(async () => expect(await room.facilitator.send(`/a/${room.asm.id}/facilitate`, { intent: 'close-vote', proposalId })).toBe(200));
    setOutcome(room.plenary.doc, proposalId, 'carried', Date.now());
    await screen.getByTestId('screen-outcome').waitFor();
    await audit.page(screen, 'projector with a vote result');
    goToItem(room.plenary.doc, room.roundItem, Date.now());
    startRound(room.plenary.doc, room.roundItem, Date.now());
    await screen.getByTestId('screen-round').waitFor();
    await audit.page(screen, 'projector during a round');
    room.plenary.destroy();
    audit.check();
  }, 90_000);

  it('notes, minutes, voting codes: note-taker, plenary notes, minutes editor with a draft, published minutes, the code sheet, a personal code', async () => {
    const audit = new Audit(locale);
    const table = readRound(plenary.doc, roundItem)!.tables[0].id;
    const noteTaker = await open((await mintLink(h.server.url, asm, { role: 'note-taker', scope: table })).token, `/breakout/${table}`, { viewport: LAPTOP });
    await waitLive(noteTaker);
    await audit.page(noteTaker, 'note-taker page');
    const console_ = await open(asm.facilitatorToken, '/notes', { viewport: LAPTOP });
    await waitLive(console_);
    await audit.page(console_, 'plenary notes');
    // Published first: a draft made afterwards has a revision a bare publish would conflict with.
    expect(
      await facilitator.send(`/a/${asm.id}/minutes/edit`, {
        intent: 'publish',
        markdown: '# Minutes\n\n## Strike vote\n\n- We strike on Friday: **carried**.',
      }),
    ).toBe(303);
    await console_.goto(`${h.server.url}/a/${asm.id}/minutes/edit`);
    await console_.locator('button[name="intent"][value="draft"], form:has(input[name="intent"][value="draft"]) button').first().click();
    await eventually(async () => expect(await console_.locator('textarea').first().inputValue()).toContain(`Audit hall ${lang}`));
    await audit.page(console_, 'minutes editor with a draft');
    await console_.goto(`${h.server.url}/a/${asm.id}/minutes`);
    await audit.page(console_, 'published minutes');
    await console_.goto(`${h.server.url}/a/${asm.id}/codes`);
    await audit.page(console_, 'voting codes sheet');
    const [code] = await issueCodes(facilitator, asm.id, 1);
    const slip = await (await person()).newPage();
    await slip.goto(`${h.server.url}/a/${asm.id}/code?c=${code}`);
    await audit.page(slip, 'personal code page');
    audit.check();
  }, 90_000);
});
