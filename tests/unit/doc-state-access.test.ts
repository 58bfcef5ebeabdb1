/**
 * [X22] The services hand a document's state only to a person whose link opens it — judged by the
 * session's own assembly, so one assembly's link never reads another assembly's documents, even
 * through a loader that named the wrong one.
 */
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { AccessService } from '../../server/access/access-service.js';
import { createServices } from '../../server/http/services.js';
import { silentLogger } from '../../server/logger.js';
import { SqliteStore } from '../../server/storage/sqlite-store.js';
import { Rooms } from '../../server/sync/rooms.js';
import { AccessError, type RequestSession } from '../../app/services.js';
import { tempDataDir } from '../helpers/server.js';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

it('[X22] docState answers a reader of its own assembly, and refuses another assembly’s link and a role that does not read it', async () => {
  const store = new SqliteStore(path.join(tempDataDir('plenary-docstate-'), 'plenary.sqlite'));
  stores.push(store);
  const access = new AccessService(store, 'unit-secret-that-is-long-enough-0123456789');
  const services = createServices({ store, access, rooms: new Rooms(store, silentLogger, { unloadAfterMs: 10, compactAfter: 1000 }) });
  const a = await access.createAssembly('Hall A');
  const b = await access.createAssembly('Hall B');
  const attendeeOfA: RequestSession = { assemblyId: a.id, role: 'attendee', scope: null, linkId: a.attendee.link.id, sessionId: 's1', canVote: true };
  expect(await services.docState(`${a.id}/plenary`, attendeeOfA)).toBeInstanceOf(Uint8Array);
  await expect(services.docState(`${b.id}/plenary`, attendeeOfA)).rejects.toBeInstanceOf(AccessError);
  await expect(services.docState(`${a.id}/notes/i1`, attendeeOfA)).rejects.toBeInstanceOf(AccessError);
  await expect(services.docStateVector(`${b.id}/breakout/g1`, attendeeOfA)).rejects.toBeInstanceOf(AccessError);
});
