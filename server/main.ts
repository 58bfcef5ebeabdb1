/** `npm start`: reads the environment, starts Plenary, stops cleanly on SIGINT/SIGTERM. */
import { loadSessionSecret, parseEnv, type Env } from './env.js';
import { startPlenary, type Plenary } from './index.js';
import { createLogger } from './logger.js';
import { describeFsError, StartupError } from './startup-error.js';
import { openDataFolder } from './storage/data-folder.js';
import { describeDatabaseUrl } from './storage/postgres-store.js';

/** A refusal to start: one plain line (no stack trace) saying what to do, and exit 1. */
function refuse(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let env: Env;
try {
  env = parseEnv();
} catch (err) {
  refuse((err as Error).message);
}
const logger = createLogger(env.LOG_LEVEL);

let plenary: Plenary;
try {
  const common = {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    publicUrl: env.PUBLIC_URL,
    redisUrl: env.REDIS_URL,
    remix: env.NODE_ENV === 'development' ? ('vite' as const) : ('build' as const),
    logger,
    captureConsole: true,
    sync: { batchWindowMs: env.PLENARY_BATCH_MS },
  };
  if (env.DATABASE_URL) {
    // Postgres (ADR 027): several nodes share the database, so no folder is locked and the
    // secret comes from the environment, the same on every node.
    plenary = await startPlenary({ ...common, databaseUrl: env.DATABASE_URL, sessionSecret: loadSessionSecret(env) });
  } else {
    // The folder is locked before the secret kept in it is read or made: a second process on the
    // same folder stops here, having written nothing.
    const dataFolder = openDataFolder(env.DATA_DIR);
    let sessionSecret: string;
    try {
      sessionSecret = loadSessionSecret(env);
    } catch (err) {
      dataFolder.release();
      throw err;
    }
    plenary = await startPlenary({ ...common, dataFolder, sessionSecret });
  }
} catch (err) {
  if (err instanceof StartupError) refuse(err.message);
  const fsReason = describeFsError(err);
  if (fsReason) refuse(`Plenary cannot start: ${fsReason} at ${(err as NodeJS.ErrnoException).path ?? env.DATA_DIR}.`);
  const code = String((err as NodeJS.ErrnoException).code ?? '');
  // SQLITE_NOTADB, SQLITE_CORRUPT, SQLITE_READONLY...: the database file, not Plenary, is at fault.
  if (code.startsWith('SQLITE_'))
    refuse(`Plenary cannot start: the database in ${env.DATA_DIR} cannot be used (${code}: ${(err as Error).message}). Restore it from a backup.`);
  if (code === 'EADDRINUSE') refuse(`Plenary cannot start: port ${env.PORT} on ${env.HOST} is in use.`);
  // Anything else is a bug: its stack goes to the log, as one structured line.
  logger.error('Plenary cannot start', { error: (err as Error).message, stack: (err as Error).stack });
  process.exit(1);
}
logger.info('Plenary is listening', {
  url: plenary.url,
  ...(env.DATABASE_URL ? { database: describeDatabaseUrl(env.DATABASE_URL) } : { dataDir: env.DATA_DIR }),
});
// Tests and scripts read the port from this line.
process.stdout.write(`listening on ${plenary.url}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    plenary.close().then(
      () => process.exit(0),
      (err) => {
        logger.error('stopping failed', { error: (err as Error).message });
        process.exit(1);
      },
    );
  });
}
