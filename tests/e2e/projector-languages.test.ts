/**
 * The projector in the room's languages ([L50]–[L53]): a facilitator picks Somali and English, or
 * Arabic and English, on the console; every projector follows live (fetching a catalogue its page
 * was not sent); each label shows both, each part with its language and direction; the wall still
 * fits one screen at 1280×720 and 1920×1080 with the longest content ([N25]), the join code whole,
 * axe clean. And the projector's own switcher: unseen by the room, reached with Tab, it changes the
 * projector's language, and the fit holds. In bilingual mode the room's own texts (title,
 * announcement, proposal, questions) stand beside their interpreters' translations ([L54]).
 * Screenshots go to /work/shots/h3/ when it exists.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { AMENDMENT, ANNOUNCEMENT, expectProjectorFits, openProjectors, PROMPT, PROPOSAL, SIZES, SPEAKER, TITLE, words } from './projector-check.js';
import { expectAxeClean } from './axe.js';
import { addItem, editItem } from '../../app/model/agenda.js';
import { goToItem, setAnnouncement } from '../../app/model/run.js';
import { nextSpeaker, raiseHand } from '../../app/model/stack.js';
import { resetTimer, startTimer } from '../../app/model/timers.js';
import { broadcast, planRound, startRound } from '../../app/model/breakouts.js';
import { addAmendment, addProposal, decideAmendment, setHandCount, setOutcome } from '../../app/model/proposals.js';
import { setMeta } from '../../app/model/meta.js';
import { readScreenLanguages, setScreenLanguages } from '../../app/model/screen-languages.js';
import { ANNOUNCEMENT_KEY, itemTitleKey, promptKey, proposalKey } from '../../app/model/translations.js';

const SHOTS = '/work/shots/h3';
/** The label "Now speaking" / "Join on your phone" in each language the test uses. */
const NOW_SPEAKING = { en: 'Now speaking', so: 'Hadda hadlaya', ar: 'يتحدث الآن', es: 'Habla ahora' } as const;
const JOIN = { en: 'Join on your phone', so: 'Ku soo gal taleefankaaga', ar: 'ادخل من هاتفك', es: 'Únete desde tu teléfono' } as const;

let h: Harness;
let asm: CreatedAssembly;
let plenary: Client;

beforeAll(async () => {
  h = await startHarness();
  asm = await createAssembly(h.server.url, 'Languages on the wall');
  plenary = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await plenary.synced;
  setMeta(plenary.doc, { title: TITLE, languages: ['en', 'es', 'so', 'ar'] });
}, 60_000);
afterAll(async () => {
  plenary?.destroy();
  await h?.close();
});

const projectors = () => openProjectors(h, asm);

/** Each part of the join heading is in its language and direction, the first language first. */
async function expectJoinIn(page: Page, codes: ('en' | 'so' | 'ar')[]): Promise<void> {
  const heading = page.getByTestId('join-block').locator('p').first();
  await eventually(async () => {
    const parts = await heading
      .locator('[data-screen-lang]')
      .evaluateAll((els) => els.map((el) => ({ lang: el.getAttribute('lang'), dir: el.getAttribute('dir'), text: el.textContent })));
    expect(parts).toEqual(codes.map((c) => ({ lang: c, dir: c === 'ar' ? 'rtl' : 'ltr', text: JOIN[c] })));
  });
}

it('[L51][L52][N25] Somali and English, then Arabic and English: every state fits 1280×720 and 1920×1080, both languages on each label, the code whole, axe clean', async () => {
  const pairs: ['so' | 'ar', 'en'][] = [
    ['so', 'en'],
    ['ar', 'en'],
  ];
  // The states, in the order a room goes through them; each is set up once, checked in both pairs.
  const states: { name: string; setUp: () => void; ready: (page: Page) => Promise<void> }[] = [
    { name: 'before', setUp: () => {}, ready: async () => {} },
    {
      name: 'item-speaker-announcement',
      setUp: () => {
        const item = addItem(plenary.doc, {
          title: TITLE,
          kind: 'report',
          minutes: 15,
          interpretation: 'Spanish ch. 2, Somali ch. 3, Oromo 91.5 MHz, Hmong ch. 4, Amharic ch. 5, Vietnamese ch. 6',
        });
        addItem(plenary.doc, {
          title: words(200, 'Next: the picket rota and who drives the vans to the warehouse gates on Thursday morning before dawn'),
          kind: 'discussion',
          minutes: 10,
        });
        goToItem(plenary.doc, item, Date.now());
        setAnnouncement(plenary.doc, ANNOUNCEMENT);
        raiseHand(plenary.doc, { name: SPEAKER, kind: 'speak' }, Date.now());
        raiseHand(plenary.doc, { name: words(60, 'Abdirahman Mohamed Abdullahi Hassan Warsame Farah'), kind: 'speak' }, Date.now());
        nextSpeaker(plenary.doc, Date.now());
        resetTimer(plenary.doc, 'speaker', 2 * 60_000);
        startTimer(plenary.doc, 'speaker', Date.now());
      },
      ready: async (page) => {
        await page.getByTestId('screen-speaker').getByText(SPEAKER.slice(0, 20)).waitFor();
        await page.getByTestId('speaker-timer').waitFor();
      },
    },
    {
      name: 'result-amendments',
      setUp: () => {
        const item = addItem(plenary.doc, { title: TITLE, kind: 'proposal', minutes: 30, interpretation: 'Spanish ch. 2, Somali ch. 3, Oromo 91.5 MHz' });
        goToItem(plenary.doc, item, Date.now());
        const proposal = addProposal(plenary.doc, { itemId: item, text: PROPOSAL, by: SPEAKER }, Date.now());
        for (const n of [1, 2, 3]) decideAmendment(plenary.doc, proposal, addAmendment(plenary.doc, proposal, { text: AMENDMENT(n) }, Date.now()), true);
        setHandCount(plenary.doc, proposal, { for: 1234, against: 567, abstain: 89 });
        setOutcome(plenary.doc, proposal, 'carried', Date.now());
        raiseHand(plenary.doc, { name: SPEAKER, kind: 'speak' }, Date.now());
        raiseHand(plenary.doc, { name: 'Chao', kind: 'speak' }, Date.now());
        nextSpeaker(plenary.doc, Date.now());
      },
      ready: async (page) => {
        await page.getByTestId('screen-outcome').waitFor();
        await page.getByTestId('accepted-amendments').waitFor();
      },
    },
    {
      name: 'breakout',
      setUp: () => {
        const item = addItem(plenary.doc, { title: TITLE, kind: 'breakout', minutes: 30 });
        goToItem(plenary.doc, item, Date.now());
        planRound(plenary.doc, item, {
          prompts: [1, 2, 3, 4, 5].map(PROMPT),
          minutes: 20,
          assignment: 'topic',
          tables: Array.from({ length: 12 }, (_, i) => ({ label: `Topic ${i + 1}: ${words(30, 'warehouse picket childcare transport')}` })),
        });
        startRound(plenary.doc, item, Date.now());
        broadcast(plenary.doc, item, words(200, 'Five minutes left: note-takers, write the one thing your table wants the room to hear first'), Date.now());
      },
      ready: async (page) => {
        await page.getByTestId('screen-prompts').waitFor();
        await page.getByTestId('round-message').waitFor();
      },
    },
  ];
  const pages = await projectors();
  for (const state of states) {
    state.setUp();
    for (const pair of pairs) {
      setScreenLanguages(plenary.doc, pair);
      for (const page of pages) {
        await state.ready(page);
        await expectJoinIn(page, pair);
        if (state.name === 'item-speaker-announcement') {
          // "Now speaking" in both, the Arabic one right to left inside the English page.
          const label = page.getByTestId('screen-speaker').locator('[data-screen-lang]');
          await eventually(async () => expect(await label.allTextContents()).toEqual([NOW_SPEAKING[pair[0]], NOW_SPEAKING.en]));
          expect(await page.getAttribute('html', 'dir')).toBe('ltr');
        }
        const { width, height } = page.viewportSize()!;
        await expectProjectorFits(page, `projector-${width}x${height}-${pair.join('-')}-${state.name}`, { shots: SHOTS });
      }
    }
  }
}, 180_000);

it('[L50][L52] chosen on the console, followed live: a projector open before the choice fetches the language it was not sent', async () => {
  setScreenLanguages(plenary.doc, []);
  const [projector] = await projectors();
  await expectJoinIn(projector, []);
  expect(await projector.getByTestId('join-block').locator('p').first().textContent()).toBe(JOIN.en);
  const console_ = await (await h.person({ viewport: { width: 1366, height: 768 } })).newPage();
  await console_.goto(`${h.server.url}/join/${asm.facilitatorToken}`);
  await waitLive(console_);
  const first = console_.getByTestId('screen-language-first');
  // The assembly's languages Plenary speaks are offered, by their own names.
  expect(await first.locator('option').allTextContents()).toEqual(['The projector’s own language', 'English', 'العربية', 'Español', 'Soomaali']);
  await first.selectOption('so');
  await console_.getByTestId('screen-language-second').selectOption('en');
  await eventually(() => expect(readScreenLanguages(plenary.doc)).toEqual(['so', 'en']));
  await expectJoinIn(projector, ['so', 'en']);
  await console_.getByTestId('screen-languages').scrollIntoViewIfNeeded();
  await console_.screenshot({ path: `${SHOTS}/console-1366x768-screen-languages.png` });
  await expectAxeClean(console_, 'console with the projector’s languages chosen');
  // Arabic first now: its catalogue too arrives without a reload.
  await first.selectOption('ar');
  await expectJoinIn(projector, ['ar', 'en']);
  // On a 320 px phone the choice fits the width and reads.
  await console_.setViewportSize({ width: 320, height: 640 });
  await console_.getByTestId('screen-languages').scrollIntoViewIfNeeded();
  expect(await console_.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await console_.screenshot({ path: `${SHOTS}/console-320x640-screen-languages.png` });
  // Back to each projector's own language.
  await first.selectOption('');
  await eventually(() => expect(readScreenLanguages(plenary.doc)).toEqual([]));
  await eventually(async () => expect(await projector.getByTestId('join-block').locator('p').first().textContent()).toBe(JOIN.en));
});

it('[L53][L16] the projector’s switcher: unseen by the room, reached with Tab, it changes the projector’s language; the wall still fits', async () => {
  setScreenLanguages(plenary.doc, []);
  for (const viewport of SIZES) {
    const page = await (await h.person({ viewport })).newPage();
    await page.goto(`${h.server.url}/join/${asm.attendeeToken}`);
    await page.goto(`${h.server.url}/a/${asm.id}/screen`);
    await waitLive(page);
    const corner = page.getByTestId('screen-language-switcher');
    expect(await corner.evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
    await expectProjectorFits(page, `projector-${viewport.width}x${viewport.height}-switcher-unseen`);
    // The keyboard reaches it first: the projector has nothing else to press.
    await page.keyboard.press('Tab');
    const list = corner.getByRole('combobox', { name: 'Language' });
    await eventually(async () => expect(await list.evaluate((el) => el === document.activeElement)).toBe(true));
    await eventually(async () => expect(await corner.evaluate((el) => getComputedStyle(el).opacity)).toBe('1'));
    const box = (await corner.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
    await page.screenshot({ path: `${SHOTS}/projector-${viewport.width}x${viewport.height}-switcher-focused.png` });
    await expectAxeClean(page, `projector ${viewport.width}×${viewport.height}, its switcher focused`);
    await list.selectOption({ label: 'Español' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${h.server.url}/a/${asm.id}/screen`);
    await eventually(async () => expect(await page.getAttribute('html', 'lang')).toBe('es'));
    await waitLive(page);
    expect(await page.getByTestId('join-block').locator('p').first().textContent()).toBe(JOIN.es);
    await expectProjectorFits(page, `projector-${viewport.width}x${viewport.height}-after-switch-es`, { shots: SHOTS });
  }
});

/** An interpreter of `language` saves a translation, as the desk posts it without JavaScript. */
async function translate(language: string, key: string, from: string, text: string): Promise<void> {
  const link = await mintLink(h.server.url, asm, { role: 'interpreter', scope: language });
  const phone = new Phone(h.server.url);
  expect(await phone.join(link.token)).toBe(303);
  const res = await phone.post(`/a/${asm.id}/interpret?index`, { key, from, text, base: '' });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

/** The versions a wall text shows, in order: `[lang, dir, text]`, `lang` null for the original. */
async function versions(page: Page, testid: string): Promise<[string | null, string | null, string][]> {
  return page
    .getByTestId(testid)
    .first()
    .locator('[data-wall-part]')
    .evaluateAll((els) => els.map((el) => [el.getAttribute('lang'), el.getAttribute('dir'), el.textContent ?? ''] as [string | null, string | null, string]));
}

it('[L54][N25] bilingual mode: the title, the announcement, the proposal and the questions beside their Somali (then Arabic) translation, live; a text edited since shows its original alone; it fits and is axe clean', async () => {
  const TITLE_EN = 'Vote on the joint strike fund for the warehouse campaign';
  const TITLE_SO = 'Codbixinta sanduuqa shaqo joojinta ee ololaha bakhaarka';
  const NOTICE_EN = 'Childcare is in room 104 until nine; the bus to the picket leaves at seven from the north door';
  const NOTICE_SO = 'Xannaanada carruurtu waxay ku jirtaa qolka 104 ilaa sagaalka; baska wuxuu baxayaa toddobada';
  const NOTICE_AR = 'رعاية الأطفال في الغرفة 104 حتى التاسعة؛ تغادر الحافلة إلى الاعتصام في السابعة من الباب الشمالي';
  const PROPOSAL_EN = 'That the assembly sets up a joint strike fund, paying strikers weekly from the first week, with a monthly report to this assembly';
  const PROPOSAL_SO = 'In shirku sameeyo sanduuq wadaag ah oo shaqo joojinta, kaas oo bixiya toddobaad kasta, warbixin bille ah';
  setScreenLanguages(plenary.doc, ['so', 'en']);
  const item = addItem(plenary.doc, { title: TITLE_EN, kind: 'proposal', minutes: 20 });
  goToItem(plenary.doc, item, Date.now());
  setAnnouncement(plenary.doc, NOTICE_EN);
  const proposal = addProposal(plenary.doc, { itemId: item, text: PROPOSAL_EN, by: 'Hodan' }, Date.now());
  const pages = await projectors();
  for (const page of pages) await page.getByTestId('current-title').getByText(TITLE_EN).waitFor();

  // The Somali interpreter translates; every projector shows it beside the original, without a reload.
  await translate('so', itemTitleKey(item), TITLE_EN, TITLE_SO);
  await translate('so', ANNOUNCEMENT_KEY, NOTICE_EN, NOTICE_SO);
  await translate('so', proposalKey(proposal), PROPOSAL_EN, PROPOSAL_SO);
  for (const page of pages) {
    await eventually(async () =>
      expect(await versions(page, 'current-title')).toEqual([
        ['so', 'ltr', TITLE_SO],
        [null, 'auto', TITLE_EN],
      ]),
    );
    expect(await versions(page, 'announcement')).toEqual([
      ['so', 'ltr', NOTICE_SO],
      [null, 'auto', NOTICE_EN],
    ]);
    await eventually(async () =>
      expect(await versions(page, 'current-text')).toEqual([
        ['so', 'ltr', PROPOSAL_SO],
        [null, 'auto', PROPOSAL_EN],
      ]),
    );
    const { width, height } = page.viewportSize()!;
    await expectProjectorFits(page, `projector-${width}x${height}-so-en-translated-item`, { shots: SHOTS });
  }

  // The facilitator edits the title: its Somali version is out of date and leaves the wall.
  editItem(plenary.doc, item, { title: `${TITLE_EN}, amended` });
  for (const page of pages) {
    await eventually(async () => expect(await page.getByTestId('current-title').textContent()).toBe(`${TITLE_EN}, amended`));
    expect(await page.getByTestId('current-title').getAttribute('dir')).toBe('auto');
    expect(await versions(page, 'announcement')).toEqual([
      ['so', 'ltr', NOTICE_SO],
      [null, 'auto', NOTICE_EN],
    ]);
  }

  // Arabic and English: the Arabic column runs right to left inside the English page.
  await translate('ar', ANNOUNCEMENT_KEY, NOTICE_EN, NOTICE_AR);
  setScreenLanguages(plenary.doc, ['ar', 'en']);
  for (const page of pages) {
    await eventually(async () =>
      expect(await versions(page, 'announcement')).toEqual([
        ['ar', 'rtl', NOTICE_AR],
        [null, 'auto', NOTICE_EN],
      ]),
    );
    const { width, height } = page.viewportSize()!;
    await expectProjectorFits(page, `projector-${width}x${height}-ar-en-translated-announcement`, { shots: SHOTS });
  }

  // A round: its questions, translated, one row per question, a column per language.
  const PROMPT_EN = 'What is your workplace ready to do on May Day?';
  const PROMPT_SO = 'Goobtaada shaqadu maxay diyaar u tahay inay samayso Maalinta Shaqaalaha?';
  const round = addItem(plenary.doc, { title: 'Breakouts by workplace', kind: 'breakout', minutes: 20 });
  goToItem(plenary.doc, round, Date.now());
  planRound(plenary.doc, round, {
    prompts: [PROMPT_EN, 'Who will ask the other workplaces before the next assembly?'],
    minutes: 15,
    assignment: 'count-off',
    tables: [{ label: '' }, { label: '' }, { label: '' }],
  });
  startRound(plenary.doc, round, Date.now());
  setScreenLanguages(plenary.doc, ['so', 'en']);
  await translate('so', promptKey(round, 0), PROMPT_EN, PROMPT_SO);
  for (const page of pages) {
    const first = page.getByTestId('screen-prompts').locator('li').first();
    await eventually(async () =>
      expect(await first.locator('[data-wall-part]').evaluateAll((els) => els.map((el) => [el.getAttribute('lang'), el.textContent]))).toEqual([
        ['so', PROMPT_SO],
        [null, PROMPT_EN],
      ]),
    );
    // The second question has no translation: the original alone, in its own direction.
    expect(await page.getByTestId('screen-prompts').locator('li').nth(1).getAttribute('dir')).toBe('auto');
    const { width, height } = page.viewportSize()!;
    await expectProjectorFits(page, `projector-${width}x${height}-so-en-translated-round`, { shots: SHOTS });
  }
}, 120_000);
