import { expect, it } from 'vitest';
import { measureOffset, offsetFrom } from '../../app/collab/server-clock.js';

it('[T1] the offset comes from the fastest round trip, assuming a reply half-way through it', () => {
  expect(offsetFrom([])).toBe(0);
  expect(
    offsetFrom([
      { sentAt: 1000, serverNow: 6000, receivedAt: 1400 }, // slow: 400 ms round trip
      { sentAt: 2000, serverNow: 7010, receivedAt: 2020 }, // fast: offset = 7010 − 2010 = 5000
    ]),
  ).toBe(5000);
});

it('[T1] a screen whose clock is 90 s behind learns to add 90 s, even with lost samples', async () => {
  const skew = 90_000;
  let calls = 0;
  const offset = await measureOffset(async () => {
    calls++;
    if (calls === 2) throw new Error('lost on bad wifi');
    return Date.now() + skew;
  });
  expect(Math.abs(offset - skew)).toBeLessThan(50);
});
