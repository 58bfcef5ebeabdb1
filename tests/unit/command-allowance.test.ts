import { afterEach, expect, it } from 'vitest';
import { AccessService } from '../../server/access/access-service.js';
import { createServices } from '../../server/http/services.js';
import { RateLimiter } from '../../server/http/rate-limit.js';
import { silentLogger } from '../../server/logger.js';
import { SqliteStore } from '../../server/storage/sqlite-store.js';
import { Rooms } from '../../server/sync/rooms.js';
import type { RequestSession } from '../../app/services.js';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

it('[K11] a refused token says how long until the next one (the Retry-After), and a refund gives one back', () => {
  let now = 0;
  const limiter = new RateLimiter(2, 12, () => now); // one every 5 s
  expect([limiter.wait('a'), limiter.wait('a')]).toEqual([0, 0]);
  expect(limiter.wait('a')).toBe(5_000);
  now += 4_000;
  expect(limiter.wait('a')).toBe(1_000);
  limiter.refund('a');
  expect(limiter.wait('a')).toBe(0);
});

it('[K9] fresh sessions share one pool for hands; a phone holding a voting right never draws on it, and ballots and codes never do', async () => {
  const store = new SqliteStore(':memory:');
  stores.push(store);
  const access = new AccessService(store, 'unit-secret-that-is-long-enough-0123456789');
  const rooms = new Rooms(store, silentLogger, { unloadAfterMs: 10, compactAfter: 1000 });
  const services = createServices({ store, access, rooms, commands: { capacity: 10, perMinute: 12, anonymousCapacity: 3, anonymousPerMinute: 1 } });
  const { id, attendee } = await access.createAssembly('Hall');
  let n = 0;
  const fresh = (): RequestSession => ({ assemblyId: id, role: 'attendee', scope: null, linkId: attendee.link.id, sessionId: `s${n++}`, canVote: true });

  // A script's fresh sessions drain the shared pool for hands ...
  const waits = [];
  for (let i = 0; i < 5; i++) waits.push(await services.commandWait(id, fresh(), 'hand'));
  expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
  expect(waits[3]).toBeGreaterThan(0);
  // ... but not ballots or codes ...
  expect(await services.commandWait(id, fresh(), 'vote')).toBe(0);
  expect(await services.commandWait(id, fresh(), 'code')).toBe(0);
  // ... and not the hands of a phone holding a voting right.
  const member = fresh();
  const [{ code }] = await services.issueVotingRights(id, 1);
  await services.redeemVotingCode(id, member, code);
  for (let i = 0; i < 10; i++) expect(await services.commandWait(id, member, 'hand')).toBe(0);
  // Its own allowance still applies.
  expect(await services.commandWait(id, member, 'hand')).toBeGreaterThan(0);
  await rooms.closeAll();
});
