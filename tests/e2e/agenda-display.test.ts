import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, eventually, settled } from '../helpers/clients.js';
import { createAssembly } from '../helpers/server.js';
import { startHarness, waitLive, type Harness } from './harness.js';
import { addItem, setCurrent } from '../../app/model/agenda.js';
import { resetTimer, startTimer } from '../../app/model/timers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.close());

const seconds = (text: string) => {
  const [m, s] = text.replace('-', '').split(':').map(Number);
  return (text.startsWith('-') ? -1 : 1) * (m * 60 + s);
};

it('[H2][T1][T2][T3] the phone and the projector follow the agenda and show the same item timer', async () => {
  const asm = await createAssembly(h.server.url, 'Agenda assembly');
  const facilitator = connect(h.server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await facilitator.synced;
  const welcome = addItem(facilitator.doc, { title: 'Welcome and community agreements', kind: 'welcome', minutes: 10 });
  addItem(facilitator.doc, { title: 'Report from the strike committee', kind: 'report', minutes: 15, presenter: 'Khadra' });
  const join = `${h.server.url}/join/${asm.attendeeToken}`;

  const phone = await (await h.person()).newPage();
  await phone.goto(join);
  await waitLive(phone);
  const projector = await (await h.person({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(join);
  await projector.goto(`${h.server.url}/a/${asm.id}/screen`);
  await waitLive(projector);
  expect(await phone.getByTestId('agenda').locator('li').count()).toBe(2);

  setCurrent(facilitator.doc, welcome, Date.now());
  resetTimer(facilitator.doc, 'item', 10 * 60_000);
  startTimer(facilitator.doc, 'item', Date.now());
  await phone.getByTestId('current-item').getByText('Welcome and community agreements').waitFor();
  await projector.getByTestId('next-item').getByText('Report from the strike committee').waitFor();
  await eventually(async () => {
    const [a, b] = await Promise.all([phone, projector].map((p) => p.getByTestId('timer-value').first().textContent()));
    expect(seconds(a!)).toBeLessThan(600);
    expect(Math.abs(seconds(a!) - seconds(b!))).toBeLessThanOrEqual(1);
  });

  // [T2] A speaker who runs over: the projector says so in words and counts on upwards.
  resetTimer(facilitator.doc, 'speaker', 1_000);
  startTimer(facilitator.doc, 'speaker', Date.now());
  const speaker = projector.getByTestId('speaker-timer');
  await speaker.getByText('Over time').waitFor();
  await eventually(async () => expect(await speaker.getByTestId('timer-value').textContent()).toMatch(/^\+0:0[1-9]$/));

  // Without JavaScript a refresh shows the same state, rendered by the server, with the timer
  // where it stood when the page was made (here: started two minutes ago).
  resetTimer(facilitator.doc, 'item', 10 * 60_000);
  startTimer(facilitator.doc, 'item', Date.now() - 120_000);
  await settled(facilitator); // the server holds the timer before the page is made
  const plain = await (await h.person({ javaScript: false })).newPage();
  await plain.goto(join);
  const frozen = seconds((await plain.getByTestId('item-timer').getByTestId('timer-value').textContent())!);
  expect(frozen).toBeLessThanOrEqual(480);
  expect(frozen).toBeGreaterThan(470);
  expect(await plain.getByTestId('current-item').getByText('Welcome and community agreements').count()).toBe(1);
  expect(await plain.getByTestId('agenda').locator('li').count()).toBe(2);
  facilitator.destroy();
});
