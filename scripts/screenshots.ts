/**
 * Screenshots of every page at phone, laptop and projector sizes, to look at before calling a UI
 * done:  npx tsx scripts/screenshots.ts  → screenshots/<page>-<size>.png
 */
import fs from 'node:fs';
import { startHarness, waitLive } from '../tests/e2e/harness.js';
import { connect } from '../tests/helpers/clients.js';
import { addTemplate, readAgenda, setCurrent } from '../app/model/agenda.js';
import { resetTimer, startTimer } from '../app/model/timers.js';
import { setAnnouncement } from '../app/model/run.js';
import { nextSpeaker, raiseHand } from '../app/model/stack.js';
import { broadcast, planRound, readRound, startRound } from '../app/model/breakouts.js';
import { appendParagraph } from '../app/model/notes.js';
import { goToItem } from '../app/model/run.js';
import { addAmendment } from '../app/model/amendments.js';
import { addProposal, setOutcome } from '../app/model/proposals.js';
import { issueCodes, Phone } from '../tests/helpers/phone.js';
import { mintLink } from '../tests/helpers/server.js';

const TITLES: Record<string, string> = {
  welcome: 'Welcome and community agreements',
  interpretation: 'Interpretation check: Spanish ch. 2, Somali ch. 3',
  report: 'Report from the strike committee',
  breakouts: 'Breakouts by workplace',
  reportBacks: 'Report-backs',
  proposals: 'Proposals',
  nextActions: 'Next actions',
  closing: 'Closing',
};

const SIZES = { phone: { width: 390, height: 844 }, laptop: { width: 1366, height: 768 }, projector: { width: 1920, height: 1080 } };
const h = await startHarness();
fs.mkdirSync('screenshots', { recursive: true });
try {
  const setup = await (await h.person({ viewport: SIZES.laptop })).newPage();
  await setup.goto(h.server.url);
  await setup.screenshot({ path: 'screenshots/create-laptop.png', fullPage: true });
  await setup.getByLabel('Name of the assembly').fill('Twin Cities general strike assembly');
  await setup.getByLabel('Place').fill('Local 26 union hall, 312 Central Ave');
  await setup.getByLabel('Date and time').fill('2026-01-23T10:00');
  for (const l of ['Spanish', 'Somali', 'Hmong', 'Oromo']) await setup.getByLabel(l).check();
  await setup.getByRole('button', { name: 'Create the assembly' }).click();
  await setup.waitForURL(/facilitate$/);
  await waitLive(setup);
  await setup.screenshot({ path: 'screenshots/key-dialog-laptop.png' });
  const facilitatorUrl = await setup.locator('[role="alertdialog"] input').inputValue();
  const id = setup.url().split('/a/')[1].split('/')[0];
  // An agenda under way, written the way a second facilitator's laptop would.
  const facilitator = connect(h.server.syncUrl, `${id}/plenary`, facilitatorUrl.slice(facilitatorUrl.lastIndexOf('/') + 1));
  await facilitator.synced;
  addTemplate(facilitator.doc, (key) => TITLES[key] ?? key);
  const [first, second] = readAgenda(facilitator.doc);
  // The welcome ran 14 minutes of 10; the interpretation check (5 planned) has run 6: over time.
  setCurrent(facilitator.doc, first.id, Date.now() - 20 * 60_000);
  setCurrent(facilitator.doc, second.id, Date.now() - 6 * 60_000);
  resetTimer(facilitator.doc, 'item', second.minutes * 60_000);
  startTimer(facilitator.doc, 'item', Date.now() - 6 * 60_000 - 5_000);
  resetTimer(facilitator.doc, 'speaker', 2 * 60_000);
  startTimer(facilitator.doc, 'speaker', Date.now() - 41_000);
  setAnnouncement(facilitator.doc, 'Interpretation in Spanish: channel 2 · Somali: channel 3');
  // A stack under way: two have spoken, one speaks, five wait (one is the phone's own hand, below).
  const t0 = Date.now() - 5 * 60_000;
  for (const [i, [name, kind]] of (
    [
      ['Khadra', 'speak'],
      ['Tou', 'speak'],
      ['Rosa', 'speak'],
      ['Abdi', 'direct'],
      ['Mai', 'speak'],
      ['Guadalupe Hernández-Ortiz', 'speak'],
      ['Joe', 'clarify'],
    ] as const
  ).entries()) {
    raiseHand(facilitator.doc, { name, kind }, t0 + i * 20_000);
  }
  nextSpeaker(facilitator.doc, Date.now() - 4 * 60_000);
  nextSpeaker(facilitator.doc, Date.now() - 2 * 60_000);
  nextSpeaker(facilitator.doc, Date.now() - 41_000);
  await new Promise((r) => setTimeout(r, 300));

  for (const [size, viewport] of Object.entries(SIZES)) {
    const page = await (await h.person({ viewport })).newPage();
    await page.goto(h.server.url);
    await page.screenshot({ path: `screenshots/create-${size}.png`, fullPage: true });
    await page.goto(facilitatorUrl);
    for (const [name, path] of Object.entries({
      console: '/facilitate',
      attendee: '',
      screen: '/screen',
      stack: '/stack',
      breakout: '/breakout/3',
      minutes: '/minutes',
    })) {
      await page.goto(`${h.server.url}/a/${id}${path}`);
      if (name !== 'minutes') await waitLive(page);
      await page.screenshot({ path: `screenshots/${name}-${size}.png`, fullPage: name !== 'screen' });
    }
  }
  // An attendee with a hand up, as their phone shows it.
  const mine = await (await h.person({ viewport: SIZES.phone })).newPage();
  const join = await setup
    .locator('input[aria-label="Join link for attendees"]')
    .inputValue()
    .catch(() => null);
  if (join) {
    await mine.goto(join);
    await waitLive(mine);
    await mine.getByLabel('Your name').fill('Fartun');
    await mine.getByRole('button', { name: 'Raise my hand' }).click();
    await mine.getByTestId('my-entry').waitFor();
    await mine.locator('#stack').screenshot({ path: 'screenshots/attendee-stack-phone.png' });
  }
  const hall = await (await h.person({ viewport: { width: 1280, height: 720 } })).newPage();
  await hall.goto(facilitatorUrl);
  await hall.goto(`${h.server.url}/a/${id}/screen`);
  await waitLive(hall);
  await hall.screenshot({ path: 'screenshots/screen-hall-1280.png' });
  const spanish = await (await h.person({ viewport: SIZES.phone, locale: 'es-MX' })).newPage();
  await spanish.goto(facilitatorUrl);
  await spanish.goto(`${h.server.url}/a/${id}`);
  await waitLive(spanish);
  await spanish.screenshot({ path: 'screenshots/attendee-phone-es.png', fullPage: true });
  // Somali, Amharic (Ethiopic script) and Arabic (right to left): the same phone in the languages
  // the issue names, to look at for fit, fonts and mirroring (issue 14).
  for (const locale of ['so', 'am', 'ar']) {
    const phone = await (await h.person({ viewport: SIZES.phone, locale })).newPage();
    await phone.goto(facilitatorUrl);
    await phone.goto(`${h.server.url}/a/${id}`);
    await waitLive(phone);
    await phone.screenshot({ path: `screenshots/attendee-phone-${locale}.png`, fullPage: true });
    await phone.screenshot({ path: `screenshots/attendee-phone-${locale}-390x844.png` });
  }
  // A breakout round under way: tables by language, a note-taker's page, the console's tiles.
  const breakoutsItem = readAgenda(facilitator.doc).find((i) => i.kind === 'breakout')!;
  goToItem(facilitator.doc, breakoutsItem.id, Date.now() - 3 * 60_000);
  planRound(facilitator.doc, breakoutsItem.id, {
    prompts: ['What is your workplace ready to do on Friday?', 'What do you need from the other workplaces?'],
    minutes: 20,
    assignment: 'language',
    tables: ['Español', 'Soomaali', 'Hmoob', 'Afaan Oromoo', 'English', 'English'].map((label) => ({ label })),
  });
  startRound(facilitator.doc, breakoutsItem.id, Date.now() - 3 * 60_000);
  broadcast(facilitator.doc, breakoutsItem.id, '5 minutes left, then choose your report-back', Date.now());
  const facToken = facilitatorUrl.slice(facilitatorUrl.lastIndexOf('/') + 1);
  const table2Id = readRound(facilitator.doc)!.tables[1].id;
  const table2 = connect(h.server.syncUrl, `${id}/breakout/${table2Id}`, facToken);
  await table2.synced;
  appendParagraph(table2.doc, 'notes', 'Warehouse night shift: ready to walk out if the union calls it.');
  appendParagraph(table2.doc, 'notes', 'Need: childcare on the day, interpretation at the rally.');
  appendParagraph(table2.doc, 'reportBack', 'Night shift walks out Friday; we need childcare.');
  const { token: noteToken } = await mintLink(h.server.url, { id, facilitatorToken: facToken, attendeeToken: '' }, { role: 'note-taker', scope: table2Id });
  await new Promise((r) => setTimeout(r, 300));
  const consoleLaptop = await (await h.person({ viewport: SIZES.laptop })).newPage();
  await consoleLaptop.goto(facilitatorUrl);
  await waitLive(consoleLaptop);
  await consoleLaptop.getByTestId('table-tiles').scrollIntoViewIfNeeded();
  await consoleLaptop.screenshot({ path: 'screenshots/console-breakout-laptop.png', fullPage: true });
  const noteTaker = await (await h.person({ viewport: SIZES.phone })).newPage();
  await noteTaker.goto(`${h.server.url}/join/${noteToken}`);
  await waitLive(noteTaker);
  await noteTaker.getByTestId('notes-editor').waitFor();
  await noteTaker.screenshot({ path: 'screenshots/breakout-note-taker-phone.png', fullPage: true });
  const roomScreen = await (await h.person({ viewport: SIZES.projector })).newPage();
  await roomScreen.goto(facilitatorUrl);
  await roomScreen.goto(`${h.server.url}/a/${id}/screen`);
  await waitLive(roomScreen);
  await roomScreen.screenshot({ path: 'screenshots/screen-breakout-projector.png' });
  if (join) {
    await mine.goto(join);
    await waitLive(mine);
    await mine.getByRole('button', { name: '2 · Soomaali' }).click();
    await mine.getByTestId('my-table').waitFor();
    await mine.screenshot({ path: 'screenshots/attendee-table-phone.png', fullPage: true });
  }
  // A decision: a phone vote on the proposals item, then its result, then published minutes.
  const proposalsItem = readAgenda(facilitator.doc).find((i) => i.kind === 'proposal')!;
  goToItem(facilitator.doc, proposalsItem.id, Date.now());
  const proposal = addProposal(
    facilitator.doc,
    { itemId: proposalsItem.id, text: 'We join the general strike on Friday, January 23, and stay out until the ICE contracts are cancelled.', by: 'Local 26' },
    Date.now(),
  );
  addAmendment(facilitator.doc, proposal, { text: 'Picket lines start at 7am', by: 'Tou' }, Date.now());
  // Votes are the server's (ADR 014): codes from the console, the vote opened by a server command.
  const console_ = new Phone(h.server.url, facilitatorUrl.slice(facilitatorUrl.lastIndexOf('/') + 1));
  const codes = await issueCodes(console_, id, 5);
  await new Promise((r) => setTimeout(r, 300));
  await console_.send(`/a/${id}/facilitate`, { intent: 'open-vote', proposalId: proposal });
  await consoleLaptop.reload();
  await waitLive(consoleLaptop);
  await consoleLaptop.getByTestId('proposal').scrollIntoViewIfNeeded();
  await consoleLaptop.screenshot({ path: 'screenshots/console-proposal-laptop.png' });
  if (join) {
    await mine.goto(join);
    await waitLive(mine);
    await mine.getByTestId('vote-card').scrollIntoViewIfNeeded();
    await mine.screenshot({ path: 'screenshots/attendee-vote-phone.png' });
  }
  await roomScreen.reload();
  await waitLive(roomScreen);
  await roomScreen.screenshot({ path: 'screenshots/screen-voting-projector.png' });
  if (join) {
    for (const [i, code] of codes.entries()) {
      const voter = new Phone(h.server.url);
      await voter.join(join.slice(join.lastIndexOf('/') + 1));
      await voter.send(`/a/${id}?index`, { intent: 'redeem', code });
      await voter.send(`/a/${id}?index`, { intent: 'vote', proposalId: proposal, choice: i < 3 ? 'for' : i < 4 ? 'against' : 'abstain' });
    }
  }
  await console_.send(`/a/${id}/facilitate`, { intent: 'close-vote', proposalId: proposal });
  setOutcome(facilitator.doc, proposal, 'carried', Date.now());
  await new Promise((r) => setTimeout(r, 300));
  await roomScreen.screenshot({ path: 'screenshots/screen-result-projector.png' });
  const draftPage = await (await h.person({ viewport: SIZES.laptop })).newPage();
  await draftPage.goto(facilitatorUrl);
  await draftPage.goto(`${h.server.url}/a/${id}/minutes/edit`);
  await draftPage.getByLabel('How many attended (optional)').fill('470');
  await draftPage.getByRole('button', { name: 'Make a draft from the assembly' }).click();
  await draftPage.getByLabel('Minutes (Markdown)').waitFor();
  await new Promise((r) => setTimeout(r, 500));
  await draftPage.screenshot({ path: 'screenshots/minutes-edit-laptop.png', fullPage: true });
  await draftPage.getByRole('button', { name: 'Publish' }).click();
  await draftPage.waitForURL(/minutes\?v=1$/);
  for (const [size, viewport] of [
    ['phone', SIZES.phone],
    ['laptop', SIZES.laptop],
  ] as const) {
    const reader = await (await h.person({ viewport })).newPage();
    await reader.goto(facilitatorUrl);
    await reader.goto(`${h.server.url}/a/${id}/minutes`);
    await reader.screenshot({ path: `screenshots/minutes-published-${size}.png`, fullPage: true });
  }
  table2.destroy();
  facilitator.destroy();
  console.log('screenshots in ./screenshots');
} finally {
  await h.close();
}
