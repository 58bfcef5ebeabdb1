/**
 * The composition root: storage, access, sync and HTTP wired into one Node server on one port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import express from 'express';
import { AccessService } from './access/access-service.js';
import { createApi } from './http/api.js';
import { joinCodeLimit, type JOIN_CODE_LIMITS } from './http/join-code-limit.js';
import { mountBuiltFiles, mountRemix, type RemixMode } from './http/remix.js';
import { securityHeaders } from './http/headers.js';
import { methodGuard } from './http/method-guard.js';
import { addressGuard } from './http/address-guard.js';
import { originCheck } from './http/origin-check.js';
import { bodyGuard } from './http/body-limit.js';
import { largeBodyGate } from './http/large-body-gate.js';
import { errorHandler } from './http/error-handler.js';
import { loadRefusalText } from './http/refusal-text.js';
import { CatalogueFileError, loadLanguages, type LoadedLanguage } from '../app/i18n/locale-files.server.js';
import { routeConsoleToLogger } from './console-to-logger.js';
import { StartupError } from './startup-error.js';
import type { Logger } from './logger.js';
import { openDataFolder, type DataFolder } from './storage/data-folder.js';
import { PostgresStore } from './storage/postgres-store.js';
import { SqliteStore } from './storage/sqlite-store.js';
import type { Store } from './storage/store.js';
import { Rooms } from './sync/rooms.js';
import { SyncServer } from './sync/sync-server.js';
import { createServices } from './http/services.js';
import { memoryState } from './shared/shared-state.js';
import { redisState } from './shared/redis-state.js';
import { deleteSchedule } from '../app/commands/deletion.server.js';
import { healthRoutes } from './http/health.js';
import { startCluster, type Cluster } from './cluster/cluster.js';

export interface PlenaryConfig {
  port: number;
  host: string;
  dataDir: string;
  sessionSecret: string;
  publicUrl?: string;
  remix: RemixMode;
  logger: Logger;
  /**
   * Route `console` and Node's process warnings through `logger` ([W12]): `npm start` does, so
   * every line the process writes is the logger's; tests that start servers in-process do not.
   */
  captureConsole?: boolean;
  /** Slow-client limits ([W4]); the defaults are what production runs. */
  http?: Partial<typeof HTTP_DEFAULTS>;
  /**
   * The data folder, already locked (`server/main.ts` locks it before reading the secret kept
   * in it). Without it, `startPlenary` locks `dataDir` itself. Released by `close()`.
   */
  dataFolder?: DataFolder;
  /** Join-code guessing limits ([N21]); the defaults are what production runs. */
  joinCodes?: Partial<typeof JOIN_CODE_LIMITS>;
  /**
   * A PostgreSQL URL (ADR 027): the store is Postgres, shared by every node on it; no data folder
   * is locked or used. Without it, SQLite in `dataDir`.
   */
  databaseUrl?: string;
  /**
   * Redis (REDIS_URL) for several nodes: fan-out of changes, revocations and deletions (ADR 028),
   * and the allowances, command ids and running vote tallies they share (ADR 029). Without it
   * nothing of this runs: one process, everything in its memory, as always.
   */
  redisUrl?: string;
  /**
   * A store made elsewhere (tests run two nodes on one store; a Postgres store later). The node
   * then opens no data folder for a database, and `close()` leaves the store open: its maker closes it.
   */
  store?: Store;
  /** Tuning; the defaults are what production runs. */
  sync?: Partial<{
    keepaliveMs: number;
    deadAfterMs: number;
    maxBufferedBytes: number;
    unloadAfterMs: number;
    compactAfter: number;
    /** See RoomOptions.batchWindowMs (PLENARY_BATCH_MS). */
    batchWindowMs: number;
  }>;
}

export interface Plenary {
  server: http.Server;
  /** http://host:port, once listening. */
  url: string;
  store: Store;
  rooms: Rooms;
  access: AccessService;
  sync: SyncServer;
  /** Present with `redisUrl`. */
  cluster: Cluster | null;
  /** What routes are handed (tests drive server commands through it, as a route would). */
  services: ReturnType<typeof createServices>;
  close(): Promise<void>;
}

export const SYNC_DEFAULTS = {
  keepaliveMs: 10_000,
  deadAfterMs: 45_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  unloadAfterMs: 30_000,
  compactAfter: 1_000,
  batchWindowMs: 0,
};

/**
 * How long a client may take ([W4]): a request's headers within 20 s, the whole request (body
 * included) within 30 s, an idle keep-alive connection 5 s. Node checks these every second, not
 * every 30 s (its default), so a slow client is cut off close to its deadline.
 */
export const HTTP_DEFAULTS = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

/**
 * Starts Plenary on its data folder: refuses (StartupError) a folder another process holds, one
 * it cannot write, or an emptied database (see server/storage/data-folder.ts).
 */
export async function startPlenary(config: PlenaryConfig): Promise<Plenary> {
  // A catalogue that cannot be used stops the start before the data folder is touched (ADR 024).
  const languages = readLanguages();
  // A store handed in is someone else's: its maker closes it.
  if (config.store) return startOn(config.store, { owned: false, release: () => {} }, config, languages);
  if (config.databaseUrl) {
    // An unreachable or refusing database is a StartupError from open ([SO7]).
    const store = await PostgresStore.open(config.databaseUrl, config.logger);
    try {
      return await startOn(store, { owned: true, release: () => {} }, config, languages);
    } catch (err) {
      // startOn may have closed it already (the port was taken).
      await store.close().catch(() => {});
      throw err;
    }
  }
  const folder = config.dataFolder ?? openDataFolder(config.dataDir);
  try {
    const store = new SqliteStore(folder.databaseFile);
    folder.markDatabaseCreated();
    return await startOn(store, { owned: true, release: () => folder.release() }, config, languages);
  } catch (err) {
    folder.release();
    throw err;
  }
}

/** The interface languages (built-in and LOCALES_DIR); a bad file is a StartupError: one line, exit 1. */
function readLanguages(): LoadedLanguage[] {
  try {
    return loadLanguages(undefined, process.env.LOCALES_DIR || undefined);
  } catch (err) {
    if (err instanceof CatalogueFileError) throw new StartupError(err.message);
    throw err;
  }
}

/**
 * `owned`: the store is this node's to close; `release` lets go of what it was opened on (the data
 * folder's lock), after it is closed.
 */
async function startOn(store: Store, holder: { owned: boolean; release: () => void }, config: PlenaryConfig, languages: LoadedLanguage[]): Promise<Plenary> {
  const tuning = { ...SYNC_DEFAULTS, ...config.sync };
  const limits = { ...HTTP_DEFAULTS, ...config.http };
  const { logger } = config;
  const restoreConsole = config.captureConsole ? routeConsoleToLogger(logger) : () => {};
  const access = new AccessService(store, config.sessionSecret);
  // The session secret is shared by every node (configuration): it also seals their messages.
  const cluster = config.redisUrl ? startCluster({ redisUrl: config.redisUrl, secret: config.sessionSecret, logger }) : null;
  const shared = config.redisUrl ? redisState(config.redisUrl, logger) : memoryState();
  const rooms = new Rooms(store, logger, {
    unloadAfterMs: tuning.unloadAfterMs,
    compactAfter: tuning.compactAfter,
    batchWindowMs: tuning.batchWindowMs,
    relay: cluster?.relay,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders);
  // Hostile requests are refused before any work, cheapest check first ([W16], [W11], [W18], [W2], [W8]).
  app.use(methodGuard);
  // For the load balancer: no link, no assembly data ([SO34]).
  // Both Redis connections: the relay's and the shared state's.
  const redisReady = async () => (await Promise.all([cluster!.ready(), shared.ready()])).every(Boolean);
  app.use(healthRoutes({ store: () => store.ping(), redis: cluster ? redisReady : undefined }));
  app.use(addressGuard);
  app.use(originCheck({ publicUrl: config.publicUrl }));
  app.use(bodyGuard);
  // The minutes editor's 5 MiB is for that assembly's facilitators, the minutes translation's for
  // its interpreters; anyone else has a form's ([W8]).
  app.use(
    largeBodyGate(async (req, assemblyId, role) => {
      const session = await access.sessionFromHeaders(req.headers.authorization, req.headers.cookie, assemblyId);
      return session?.grant.role === role && session.grant.assemblyId === assemblyId;
    }),
  );
  // Scripts, styles and icons: compressed once at build time, served from memory ([PF1]).
  mountBuiltFiles(app, config.remix);
  // Phones on hall wifi: pages and data go out compressed (websockets are not touched).
  app.use(compression());
  app.use(createApi({ access, publicUrl: config.publicUrl }));
  // Before the /j pages: a guess over the limit is refused without looking the code up (ADR 022).
  app.use(joinCodeLimit(config.joinCodes, shared.allowance));

  const server = http.createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs },
    app,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  const sync = new SyncServer(rooms, access, logger, tuning);
  // In development Vite's HMR websocket shares the port; nothing else but /sync is ours.
  sync.attach(server, { publicUrl: config.publicUrl, otherUpgrades: config.remix === 'vite' ? isViteHmr : undefined });

  const local = createServices({ store, access, rooms, publicUrl: config.publicUrl, logger, shared });
  const services = cluster ? clustered(local, cluster) : local;
  if (cluster) {
    access.on('revoked', (linkId) => cluster.events.revoked(linkId));
    cluster.events.listen({
      revoked: (linkId) => sync.closeLink(linkId),
      // What this node knows of the assembly goes; the store is swept again in case a save of
      // this node's landed after the other node's deletion ([SO31]).
      deleted: (assemblyId) => local.deleteAssembly(assemblyId),
      async recheck() {
        // Deletions first: their sockets get 4404, not the 4401 of a link that no longer exists.
        for (const assemblyId of rooms.loadedAssemblies()) if (!(await store.getAssembly(assemblyId))) await local.deleteAssembly(assemblyId);
        for (const linkId of sync.linkIds()) if ((await store.getLink(linkId))?.revokedAt !== null) sync.closeLink(linkId);
      },
    });
  }
  const closeRemix = await mountRemix(app, server, config.remix, services, logger);
  // Last: every error of every route is answered (and logged) here, never by Express's default ([W11], [W12]).
  app.use(errorHandler(logger, loadRefusalText(languages)));

  // Assemblies set to delete themselves go when their time comes (checked at start and hourly).
  const sweep = async () => {
    // One node sweeps each hour; deleting is idempotent, so a second sweep would only be waste.
    if (!(await shared.claim('deletion-sweep', 50 * 60_000))) return;
    for (const { id } of await store.listDeleteAfter()) {
      const schedule = await deleteSchedule(services, id);
      if (schedule?.at == null || schedule.at > Date.now()) continue;
      await services.deleteAssembly(id);
      logger.info('assembly deleted on schedule', { assembly: id });
    }
  };
  void sweep().catch((err) => logger.error('scheduled deletion failed', { error: (err as Error).message }));
  const sweeper = setInterval(() => void sweep().catch((err) => logger.error('scheduled deletion failed', { error: (err as Error).message })), 3600_000);
  sweeper.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (err) {
    // The port is taken: nothing may keep the database open once the folder's lock is let go.
    clearInterval(sweeper);
    await sync.close();
    await rooms.closeAll();
    await closeRemix();
    await cluster?.close();
    await shared.close();
    if (holder.owned) await store.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  let closing: Promise<void> | null = null;
  return {
    server,
    url: `http://${shownHost}:${port}`,
    store,
    rooms,
    access,
    sync,
    cluster,
    services,
    close() {
      closing ??= (async () => {
        clearInterval(sweeper);
        await sync.close();
        await rooms.closeAll();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await closeRemix();
        await cluster?.close();
        await shared.close();
        if (holder.owned) await store.close();
        restoreConsole();
        holder.release();
      })();
      return closing;
    },
  };
}

/** A deletion on this node reaches every node ([SO31]). */
function clustered(local: ReturnType<typeof createServices>, cluster: Cluster): ReturnType<typeof createServices> {
  return {
    ...local,
    async deleteAssembly(assemblyId) {
      await local.deleteAssembly(assemblyId);
      cluster.events.deleted(assemblyId);
    },
  };
}

/** Vite's HMR client asks for the `vite-hmr` (or `vite-ping`) subprotocol. */
function isViteHmr(req: http.IncomingMessage): boolean {
  return /\bvite-(hmr|ping)\b/.test(String(req.headers['sec-websocket-protocol'] ?? ''));
}
