import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { HttpError } from './http-error.js';
import { isStorageUnavailable } from '../storage/unavailable.js';

/** What a failed request is answered with; only `status` 500 is the server's fault. */
export interface ErrorAnswer {
  status: number;
  message: string;
  details?: unknown;
  headers?: Record<string, string>;
}

/** Messages for what body-parser and its helpers report (their own messages can echo input). */
const BODY_ERRORS: Record<string, ErrorAnswer> = {
  'entity.too.large': { status: 413, message: 'the body is too large', headers: { Connection: 'close' } },
  'entity.parse.failed': { status: 400, message: 'malformed JSON' },
  'entity.verify.failed': { status: 400, message: 'the body could not be verified' },
  'encoding.unsupported': { status: 415, message: 'unsupported Content-Encoding: send the body uncompressed, or gzip' },
  'charset.unsupported': { status: 415, message: 'unsupported charset: send UTF-8' },
  'request.aborted': { status: 400, message: 'the request was aborted' },
  'request.size.invalid': { status: 400, message: 'the body does not match its Content-Length' },
};

/**
 * Sorts any error thrown while answering a request into a clear answer ([W11]): a malformed
 * address or body is the client's 4xx, never a 500, and the answer never echoes what was sent.
 */
export function answerFor(err: unknown): ErrorAnswer {
  if (err instanceof HttpError) return { status: err.status, message: err.message, details: err.details, headers: err.headers };
  // Express's decoding of a route parameter ('/join/<token>%'): the client's malformed address.
  if (err instanceof URIError) return { status: 400, message: 'the address is malformed (bad percent-encoding)' };
  if (isStorageUnavailable(err)) return { status: 503, message: 'the server cannot save right now; try again in a minute', headers: { 'Retry-After': '30' } };
  const e = err as { type?: unknown; status?: unknown; code?: unknown };
  if (typeof e?.type === 'string' && BODY_ERRORS[e.type]) return BODY_ERRORS[e.type];
  // zlib's verdict on a body that claims to be gzip or deflate but is not.
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) return { status: 400, message: 'the compressed body is not valid' };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return { status: e.status, message: 'the request is not valid' };
  return { status: 500, message: 'internal error' };
}

/** JSON for the API, plain text for everything else. */
export function sendAnswer(req: Request, res: Response, answer: ErrorAnswer): void {
  if (res.headersSent) {
    // Half an answer is out: the only honest thing left is to cut the connection.
    req.socket.destroy();
    return;
  }
  res.status(answer.status);
  res.set('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.set(name, value);
  if (req.path.startsWith('/api/') || req.path === '/api') {
    res.json({ error: answer.message, ...(answer.details ? { details: answer.details } : {}) });
  } else {
    res.type('text/plain; charset=utf-8').send(`${answer.message}\n`);
  }
}

/**
 * The last Express middleware: replaces Express's default handler, which prints the error with
 * its stack (and the URL's token) raw to stderr. Logs through the structured logger, never the
 * address: a URL can carry a link token ([W12]).
 */
export function errorHandler(logger: Logger) {
  // Express tells error handlers by their four parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const answer = answerFor(err);
    if (answer.status >= 500) {
      const e = err as Error | undefined;
      logger.error('request failed', { method: req.method, status: answer.status, error: e?.message ?? String(err), name: e?.name });
    } else {
      logger.debug('request refused', { method: req.method, status: answer.status, reason: answer.message });
    }
    sendAnswer(req, res, answer);
  };
}
