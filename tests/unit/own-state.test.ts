/**
 * When a phone's page asks for its own state again ([PF25]): the e2e test in hall-wifi.test.ts
 * shows the first connection of a page just made does not ask and one back from a drop does; this
 * checks the rule's clock, which counts from when the browser asked for the page.
 */
import { expect, it } from 'vitest';
import { asksOwnState, FRESH_PAGE_MS } from '../../app/components/phone-commands';

it('[PF25] back from a drop it always asks; a first connection only when the page was asked for over 10 s ago', () => {
  expect(asksOwnState(true, 50)).toBe(true);
  expect(asksOwnState(false, 800)).toBe(false);
  expect(asksOwnState(false, FRESH_PAGE_MS)).toBe(false);
  // Scripts that took 30 s to arrive on hall wifi: the page's data is 30 s old, so it asks.
  expect(asksOwnState(false, 30_000)).toBe(true);
});
