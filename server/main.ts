/** `npm start`: reads the environment, starts Plenary, stops cleanly on SIGINT/SIGTERM. */
import { loadSessionSecret, parseEnv } from './env.js';
import { startPlenary } from './index.js';
import { createLogger } from './logger.js';

let env;
try {
  env = parseEnv();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
const logger = createLogger(env.LOG_LEVEL);
const plenary = await startPlenary({
  port: env.PORT,
  host: env.HOST,
  dataDir: env.DATA_DIR,
  sessionSecret: loadSessionSecret(env),
  publicUrl: env.PUBLIC_URL,
  remix: env.NODE_ENV === 'development' ? 'vite' : 'build',
  logger,
  captureConsole: true,
});
logger.info('Plenary is listening', { url: plenary.url, dataDir: env.DATA_DIR });
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
