import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error.js';

/** A host name or an IPv6 literal, and a port: nothing a URL would read as user info, a path, a query or a fragment. */
const HOST = /^(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The host the request names, as Express reads it: X-Forwarded-Host from a trusted (loopback) proxy, else Host. */
function hostOf(req: Request): string | undefined {
  const trust = req.app.get('trust proxy fn') as (address: string | undefined, hop: number) => boolean;
  const forwarded = req.get('x-forwarded-host');
  if (forwarded && trust(req.socket.remoteAddress, 0)) return forwarded.split(',')[0].trim();
  return req.get('host');
}

/** Whether the query names `_data` (as Remix reads it: percent-decoded, `%5Fdata` included). */
function asksLegacyData(originalUrl: string): boolean {
  const at = originalUrl.indexOf('?');
  return at >= 0 && new URLSearchParams(originalUrl.slice(at + 1)).has('_data');
}

/**
 * Addresses no page of ours sends are refused with 400 before any other work:
 * - a Host that is not a host name ([W11]): `a@b` made the URL handed to Remix carry user info,
 *   which `new Request` refuses (a 500 whose message, with the URL, went to the log), and
 *   `evil.example/a/x` would have moved the path Remix routes on away from the one Express checked;
 * - Remix's pre-single-fetch `?_data=` requests ([W18]): our pages ask `.data`; Remix answers
 *   `_data` through its old protocol, and reports each one as an error (to the error log).
 * The refusal is logged at debug by the error handler, and echoes nothing.
 */
export function addressGuard(req: Request, _res: Response, next: NextFunction): void {
  const host = hostOf(req);
  if (host !== undefined && !HOST.test(host)) return next(new HttpError(400, 'the Host header is malformed', undefined, {}, 'badAddress'));
  if (asksLegacyData(req.originalUrl)) return next(new HttpError(400, 'the ?_data= protocol is not served', undefined, {}, 'badAddress'));
  next();
}
