import { expect, it } from 'vitest';
import { RateLimiter } from '../../server/http/rate-limit.js';

it('[K6] a session gets a burst, then one command per refill; another session is not affected', () => {
  let now = 0;
  const limiter = new RateLimiter(3, 12, () => now); // 3 at once, then one every 5 s
  expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
  expect(limiter.take('b')).toBe(true);
  now += 4_999;
  expect(limiter.take('a')).toBe(false);
  now += 1;
  expect(limiter.take('a')).toBe(true);
  now += 60_000;
  expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]); // never more than the burst
});
