import * as Y from 'yjs';
import { rolePath, type AccessService } from '../access/access-service.js';
import type { Store, LinkRecord } from '../storage/store.js';
import type { Rooms } from '../sync/rooms.js';
import type { Room } from '../sync/room.js';
import { parseDocName } from '../sync/doc-name.js';
import { accessTo } from '../access/permissions.js';
import { isStorageUnavailable } from '../storage/unavailable.js';
import { memoryState, type SharedState } from '../shared/shared-state.js';
import { initialPlenaryUpdate, readMeta } from '../../app/model/meta.js';
import { AccessError, UnavailableError, type RequestSession, type MintedLink, type PlenaryServices } from '../../app/services.js';
import { createVoting } from './voting.js';
import { joinUrl, linkSummary, originFor } from './links.js';
import { skippedInPlenary } from '../../app/model/audit.js';
import type { Logger } from '../logger.js';

export interface ServicesDeps {
  store: Store;
  access: AccessService;
  rooms: Rooms;
  publicUrl?: string;
  /** Where the server says what it skipped while reading a document. */
  logger?: Logger;
  /**
   * Commands per session, and hands and seats per assembly from phones holding no voting right: a
   * burst of `capacity`, refilled at `perMinute`.
   */
  commands?: { capacity: number; perMinute: number; anonymousCapacity: number; anonymousPerMinute: number };
  /** Allowances, command ids and running tallies: this process's memory, or Redis on several nodes (ADR 029). */
  shared?: SharedState;
}

/**
 * Per session: enough for someone who raises, withdraws and raises again; not enough to flood the
 * stack. Per assembly, shared only by phones that hold no voting right (a script re-joining for
 * fresh sessions is among them): a hall's worth of hands in a minute, so the script cannot write
 * without bound. Ballots, codes and the hands of phones holding a right never draw on it: nothing
 * another session does can lock them out ([K9], ADR 014).
 */
export const COMMAND_DEFAULTS = { capacity: 10, perMinute: 12, anonymousCapacity: 600, anonymousPerMinute: 1200 };

/** The origin of commands applied on the server (not a connection: everyone is sent the change). */
const COMMAND = 'command';

/** The load-context services: what Remix loaders and actions may ask of the server. */
export function createServices({
  store,
  access,
  rooms,
  publicUrl,
  logger,
  commands = COMMAND_DEFAULTS,
  shared = memoryState(),
}: ServicesDeps): PlenaryServices {
  const limiter = shared.allowance('commands', commands.capacity, commands.perMinute);
  const { once } = shared;

  /**
   * Entries no page can show are skipped by the readers (app/model/shape.ts); the log says so,
   * once per document for each change in what is skipped, not on every page view.
   */
  const reported = new Map<string, string>();
  function reportSkipped(docName: string, doc: Y.Doc): void {
    if (!logger || !docName.endsWith('/plenary')) return;
    const { count, paths } = skippedInPlenary(doc);
    const signature = `${count}:${paths.join(',')}`;
    if ((reported.get(docName) ?? '0:') === signature) return;
    reported.set(docName, signature);
    if (count > 0) logger.warn('document entries of the wrong shape skipped', { doc: docName, count, paths });
  }

  /**
   * Runs `use` on the server's live copy of a document once everything in it is stored: reads
   * never report unsaved edits ([S6]), and a command is refused, not applied in memory, while
   * saving is failing.
   */
  async function withStoredRoom<T>(docName: string, use: (room: Room) => T | Promise<T>): Promise<T> {
    const name = parseDocName(docName);
    if (!name) throw new Error(`not a document name: ${docName}`);
    const room = await rooms.acquire(name);
    try {
      if (!(await room.stored())) throw new UnavailableError(`${docName} cannot be saved right now`);
      return await use(room);
    } finally {
      rooms.release(room);
    }
  }
  /** A document's state goes only to a person whose link opens it: the same rule as its socket ([X22]). */
  const mayRead = (docName: string, reader: RequestSession) => {
    const doc = parseDocName(docName);
    // The session's own assembly, not the document's: another assembly's document is 'none'.
    const grant = { id: reader.linkId, assemblyId: reader.assemblyId, role: reader.role, scope: reader.scope, canVote: reader.canVote };
    if (!doc || accessTo(grant, doc) === 'none') throw new AccessError(`a ${reader.role} link does not open ${docName.slice(0, 120)}`);
  };
  const anonymousLimiter = shared.allowance('anonymous', commands.anonymousCapacity, commands.anonymousPerMinute);
  const origin = (request: Request) => originFor(publicUrl, request.url);
  const summary = (link: LinkRecord, request: Request) => linkSummary(access, link, origin(request));
  const minted = async (m: { link: LinkRecord; token: string }, request: Request): Promise<MintedLink> => ({
    link: await summary(m.link, request),
    url: joinUrl(origin(request), m.token),
    token: m.token,
  });

  const readDoc: PlenaryServices['readDoc'] = (docName, read) =>
    withStoredRoom(docName, (room) => {
      reportSkipped(docName, room.doc);
      return read(room.doc, () => room.stateAsUpdate());
    });
  const changeDoc: PlenaryServices['changeDoc'] = (docName, change) =>
    withStoredRoom(docName, async (room) => {
      const result = room.doc.transact(() => change(room.doc), COMMAND);
      // Answer only once it is stored and on its way to everyone ([S6]).
      if (!(await room.stored())) throw new UnavailableError(`${docName} cannot be saved right now`);
      return result;
    });
  const { forgetAssembly, ...voting } = createVoting({ store, access, readDoc, changeDoc, tallies: shared.tallies });

  return {
    ...voting,
    /**
     * The title is the plenary document's (`meta.title`, what the console edits and every screen
     * shows): the stored column is only what it was made with, read for a document that has none
     * (an assembly a script made before its document was seeded) or cannot be read right now.
     */
    async getAssembly(id) {
      const stored = await store.getAssembly(id);
      if (!stored) return null;
      const title = await readDoc(`${id}/plenary`, (doc) => readMeta(doc).title).catch(() => '');
      return { ...stored, title: title.trim() ? title : stored.title };
    },

    async sessionFor(request, assemblyId) {
      const session = await access.sessionFromHeaders(request.headers.get('authorization'), request.headers.get('cookie'), assemblyId);
      if (!session || session.grant.assemblyId !== assemblyId) return null;
      return {
        assemblyId: session.grant.assemblyId,
        role: session.grant.role,
        scope: session.grant.scope,
        linkId: session.grant.id,
        sessionId: session.sessionId,
        canVote: session.grant.canVote,
      };
    },

    async createAssembly(meta, request) {
      const created = await access.createAssembly(meta.title, initialPlenaryUpdate(meta)).catch((err: unknown) => {
        // A full or read-only disk is "try again", not a bug ([W17]).
        if (isStorageUnavailable(err)) throw new UnavailableError(`the assembly cannot be stored: ${(err as Error).message}`);
        throw err;
      });
      const secure = new URL(request.url).protocol === 'https:';
      return {
        id: created.id,
        facilitator: await minted(created.facilitator, request),
        attendee: await minted(created.attendee, request),
        cookie: await access.sessionCookie(created.facilitator.link, secure),
      };
    },

    async listLinks(assemblyId, request) {
      return Promise.all((await access.listLinks(assemblyId)).map((l) => summary(l, request)));
    },

    async mintLink(assemblyId, { role, scope, label, canVote }, request) {
      return minted(await access.mintLink(assemblyId, role, scope, label, canVote ?? true), request);
    },

    revokeLink: (assemblyId, linkId) => access.revokeLink(assemblyId, linkId),

    async redeemJoinCode(typed, request) {
      const link = await access.linkForJoinCode(typed);
      if (link === null || link === 'invalid') return link;
      const secure = new URL(request.url).protocol === 'https:';
      return { cookie: await access.sessionCookie(link, secure, request.headers.get('cookie') ?? undefined), to: rolePath(link) };
    },

    async docState(docName, reader) {
      mayRead(docName, reader);
      return readDoc(docName, (_doc, state) => state());
    },

    async docStateVector(docName, reader) {
      mayRead(docName, reader);
      return this.readDoc(docName, (doc) => Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc))));
    },

    readDoc,

    changeDoc,

    ownerTag: (assemblyId, session) => (entryId) => access.pseudonym(assemblyId, session, `entry:${entryId}`),

    seatKey: (assemblyId, session, itemId) => access.pseudonym(assemblyId, session, `seat:${itemId}`),

    async commandWait(assemblyId, session, kind) {
      const key = `${assemblyId}:${session.sessionId ?? `link:${session.linkId}`}`;
      const own = await limiter.wait(key);
      if (own > 0 || kind !== 'hand') return Math.ceil(own / 1000);
      if (await voting.holdsVotingRight(assemblyId, session)) return 0;
      const pool = await anonymousLimiter.wait(assemblyId);
      if (pool > 0) await limiter.refund(key);
      return Math.ceil(pool / 1000);
    },

    commandOnce: (assemblyId, session, commandId, run) => once.run(`${assemblyId}:${session.sessionId ?? `link:${session.linkId}`}:${commandId}`, run),

    now: () => Date.now(),

    async openPublicSession(assemblyId, request) {
      const link = await access.publicLink(assemblyId);
      if (!link) return null;
      const secure = new URL(request.url).protocol === 'https:';
      const { cookie, sessionId } = await access.openSession(link, secure, request.headers.get('cookie') ?? undefined);
      return { cookie, session: { assemblyId: link.assemblyId, role: link.role, scope: link.scope, linkId: link.id, sessionId, canVote: link.canVote } };
    },

    publishMinutes: (assemblyId, markdown) => store.publishMinutes(assemblyId, markdown, Date.now()),
    getMinutes: (assemblyId, version) => store.getMinutes(assemblyId, version),
    listMinutes: (assemblyId) => store.listMinutes(assemblyId),
    getMinutesDraft: (assemblyId) => store.getMinutesDraft(assemblyId),
    saveMinutesDraft: (assemblyId, markdown, basedOn) => store.saveMinutesDraft(assemblyId, markdown, basedOn, Date.now()),
    discardMinutesDraft: (assemblyId, basedOn) => store.discardMinutesDraft(assemblyId, basedOn),
    publishMinutesDraft: (assemblyId, markdown, basedOn) => store.publishMinutesDraft(assemblyId, markdown, basedOn, Date.now()),
    getMinutesTranslation: (assemblyId, version, language) => store.getMinutesTranslation(assemblyId, version, language),
    listMinutesTranslations: (assemblyId, version) => store.listMinutesTranslations(assemblyId, version),
    saveMinutesTranslation: (assemblyId, version, language, markdown, basedOn) =>
      store.saveMinutesTranslation(assemblyId, version, language, markdown, basedOn, Date.now()),

    async deleteAssembly(assemblyId) {
      reported.delete(`${assemblyId}/plenary`);
      // Kept answers carry what was typed (names): they go with the assembly ([X4]). Its sessions'
      // allowances too: in Redis they would tie a session to the assembly a minute more ([SO55]).
      const forget = async () => {
        const results = await Promise.allSettled([
          once.forgetAll(`${assemblyId}:`),
          limiter.forgetAll(`${assemblyId}:`),
          anonymousLimiter.forgetAll(assemblyId),
          forgetAssembly(assemblyId),
        ]);
        return results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason as unknown;
      };
      const failed = await forget();
      await rooms.discardAssembly(assemblyId);
      await store.deleteAssembly(assemblyId);
      if (failed === undefined) return;
      if (!(failed instanceof UnavailableError)) throw failed;
      // Redis away does not stop the deletion; what it holds of the assembly is forgotten once it
      // answers again (tried every 30 s for an hour; kept answers and allowances expire anyway).
      logger?.warn('a deleted assembly is forgotten in Redis once Redis answers again', { assembly: assemblyId });
      let tries = 0;
      const retry = setInterval(() => {
        void forget().then((err) => {
          if (err === undefined || ++tries >= 120) clearInterval(retry);
        });
      }, 30_000);
      retry.unref();
    },

    setDeleteAfter: (assemblyId, days) => store.setDeleteAfterDays(assemblyId, days),
    getDeleteAfter: (assemblyId) => store.getDeleteAfterDays(assemblyId),
  };
}
