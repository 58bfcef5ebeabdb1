import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { HttpError } from './http-error.js';
import { UnavailableError } from '../../app/services.js';
import { isStorageUnavailable } from '../storage/unavailable.js';
import type { RefusalKey, RefusalText } from './refusal-text.js';

/** What a failed request is answered with; only `status` 500 is the server's fault. */
export interface ErrorAnswer {
  status: number;
  /** For scripts (the JSON API's `error`), in English. */
  message: string;
  /** What a person in a browser reads instead, in their language. */
  key?: RefusalKey;
  details?: unknown;
  headers?: Record<string, string>;
}

/** Messages for what body-parser and its helpers report (their own messages can echo input). */
const BODY_ERRORS: Record<string, ErrorAnswer> = {
  'entity.too.large': { status: 413, message: 'the body is too large', key: 'tooLarge', headers: { Connection: 'close' } },
  'entity.parse.failed': { status: 400, message: 'malformed JSON', key: 'badForm' },
  'entity.verify.failed': { status: 400, message: 'the body could not be verified', key: 'badForm' },
  'encoding.unsupported': { status: 415, message: 'unsupported Content-Encoding: send the body uncompressed, or gzip', key: 'encoding' },
  'charset.unsupported': { status: 415, message: 'unsupported charset: send UTF-8', key: 'encoding' },
  'request.aborted': { status: 400, message: 'the request was aborted', key: 'badForm' },
  'request.size.invalid': { status: 400, message: 'the body does not match its Content-Length', key: 'badForm' },
};

/**
 * Sorts any error thrown while answering a request into a clear answer ([W11]): a malformed
 * address or body is the client's 4xx, never a 500, and the answer never echoes what was sent.
 */
export function answerFor(err: unknown): ErrorAnswer {
  if (err instanceof HttpError)
    return { status: err.status, message: err.message, key: err.key ?? KEYS[err.status], details: err.details, headers: err.headers };
  // Express's decoding of a route parameter ('/join/<token>%'): the client's malformed address.
  if (err instanceof URIError) return { status: 400, message: 'the address is malformed (bad percent-encoding)', key: 'badAddress' };
  // Shared state (Redis) out of reach, e.g. while a join code's allowance is taken ([SO53]).
  if (isStorageUnavailable(err) || err instanceof UnavailableError)
    return { status: 503, message: 'the server cannot save right now; try again in a minute', key: 'unavailable', headers: { 'Retry-After': '30' } };
  const e = err as { type?: unknown; status?: unknown; code?: unknown };
  if (typeof e?.type === 'string' && BODY_ERRORS[e.type]) return BODY_ERRORS[e.type];
  // zlib's verdict on a body that claims to be gzip or deflate but is not.
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) return { status: 400, message: 'the compressed body is not valid', key: 'badForm' };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return { status: e.status, message: 'the request is not valid', key: 'badForm' };
  return { status: 500, message: 'internal error', key: 'error' };
}

/** What a person reads for a refusal by its status, unless the refusal names its own. */
const KEYS: Partial<Record<number, RefusalKey>> = { 400: 'badForm', 403: 'crossSite', 405: 'method', 413: 'tooLarge', 415: 'encoding', 503: 'unavailable' };

/** JSON for the API (in English, for scripts), plain text in the person's language for everything else. */
export function sendAnswer(req: Request, res: Response, answer: ErrorAnswer, text?: RefusalText): void {
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
    const shown = answer.key ? text?.(answer.key, req.headers) : null;
    if (shown) res.set('Content-Language', shown.language);
    res.type('text/plain; charset=utf-8').send(`${shown?.text ?? answer.message}\n`);
  }
}

/**
 * The last Express middleware: replaces Express's default handler, which prints the error with
 * its stack (and the URL's token) raw to stderr. Logs through the structured logger, never the
 * address: a URL can carry a link token ([W12]).
 */
export function errorHandler(logger: Logger, text?: RefusalText) {
  // Express tells error handlers by their four parameters.
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const answer = answerFor(err);
    if (answer.status >= 500) {
      const e = err as Error | undefined;
      logger.error('request failed', { method: req.method, status: answer.status, error: e?.message ?? String(err), name: e?.name });
    } else {
      logger.debug('request refused', { method: req.method, status: answer.status, reason: answer.message });
    }
    sendAnswer(req, res, answer, text);
  };
}
