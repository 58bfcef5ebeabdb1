import { format } from 'node:util';
import type { Logger } from './logger.js';

/**
 * Sends whatever a library prints with `console` (Remix's warnings, React's render errors) and
 * Node's process warnings through the structured logger instead of raw to stdout/stderr: every
 * line the server writes is then one JSON entry, scrubbed of secrets ([W12]). A raw line could
 * carry a token, or a header value that starts with forged JSON.
 *
 * Returns a function that puts everything back (for tests that start servers in-process).
 */
export function routeConsoleToLogger(logger: Logger): () => void {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug, trace: console.trace };
  const to =
    (level: keyof Logger) =>
    (...args: unknown[]) =>
      logger[level]('console', { text: format(...args.map(describe)) });
  console.log = to('info');
  console.info = to('info');
  console.debug = to('debug');
  console.trace = to('debug');
  console.warn = to('warn');
  console.error = to('error');
  // Node's own printer of process warnings is a 'warning' listener: replaced by one that logs.
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  const onWarning = (warning: Error) => logger.warn('process warning', { name: warning.name, text: warning.message });
  process.on('warning', onWarning);
  return () => {
    Object.assign(console, saved);
    process.off('warning', onWarning);
    for (const p of printers) process.on('warning', p);
  };
}

/** An error as its name and message: stacks and extra properties (a header's raw value) stay out. */
function describe(arg: unknown): unknown {
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  return arg;
}
