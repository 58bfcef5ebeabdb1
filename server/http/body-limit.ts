import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error.js';

/**
 * The most any request body may be, by route ([W8]). Every form fits in 64 KiB (titles, names,
 * labels, a hand raised); the minutes editor and its draft autosave post up to 500,000 characters of Markdown, which
 * percent-encoded as a form can take up to 9 bytes a character (3-byte UTF-8, each byte %XX).
 * The JSON API's bodies are a title or a link's role and label.
 */
export const BODY_LIMITS = {
  api: 32 * 1024,
  form: 64 * 1024,
  minutes: 5 * 1024 * 1024,
} as const;

/** The minutes editor and its autosave; the first group is the assembly id. */
export const MINUTES_EDITOR = /^\/a\/([^/]+)\/minutes\/(?:edit|draft)(?:\.data)?\/?$/;
/** The interpreter's translation of the minutes ([L62]): as long as the minutes; the first group is the assembly id. */
export const MINUTES_TRANSLATION = /^\/a\/([^/]+)\/interpret\/minutes(?:\.data)?\/?$/;

/** The addresses that take the minutes' size, each for one role of that assembly only ([W8]). */
export const LARGE_BODY_ROUTES = [
  { path: MINUTES_EDITOR, role: 'facilitator' },
  { path: MINUTES_TRANSLATION, role: 'interpreter' },
] as const;

/** The limit for a request to `path`. */
export function bodyLimitFor(path: string): number {
  if (path === '/api' || path.startsWith('/api/')) return BODY_LIMITS.api;
  if (LARGE_BODY_ROUTES.some((r) => r.path.test(path))) return BODY_LIMITS.minutes;
  return BODY_LIMITS.form;
}

const tooLarge = (limit: number) => new HttpError(413, `the body is larger than this address takes (${limit} bytes)`, undefined, { Connection: 'close' });

/** Request bodies may be compressed only for the JSON API (body-parser inflates these). */
const API_ENCODINGS = new Set(['identity', 'gzip', 'deflate']);

/**
 * Checks what a request says about its body before anyone reads it ([W8], [W9], [W10]):
 * a Content-Length over the route's limit is 413 at once (nothing is read); a Content-Encoding
 * we would not decode is 415 (Remix would parse the compressed bytes as a form); a multipart
 * form without a boundary is 400.
 */
export function bodyGuard(req: Request, _res: Response, next: NextFunction): void {
  const limit = bodyLimitFor(req.path);
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > limit) return next(tooLarge(limit));
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const isApi = limit === BODY_LIMITS.api;
  if (encoding !== 'identity' && !(isApi && API_ENCODINGS.has(encoding))) {
    return next(new HttpError(415, `unsupported Content-Encoding "${encoding.slice(0, 20)}": send the body uncompressed`));
  }
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data') && !/;\s*boundary=/.test(type)) {
    return next(new HttpError(400, 'a multipart form needs a boundary'));
  }
  next();
}

/**
 * Reads a request body, counting as it streams: past `limit` bytes it stops reading and fails
 * with 413, so a chunked body of any size costs at most `limit` bytes of memory ([W8]).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Stop reading: the rest stays in the kernel's buffers until the 413 closes the connection.
        req.pause();
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = () => {
      cleanup();
      reject(new HttpError(400, 'the request body could not be read'));
    };
    const onAborted = onError;
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}
