import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error.js';

/** Every method any route answers. Pages: GET, HEAD, POST; the JSON API adds DELETE. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'DELETE'] as const;
const ALLOWED = new Set<string>(ALLOWED_METHODS);

/**
 * TRACE, PUT, PROPFIND and friends are refused up front with 405 and `Allow` ([W16]), before
 * they reach Remix (which answers some of them with a logged error) or anything that reads a body.
 */
export function methodGuard(req: Request, _res: Response, next: NextFunction): void {
  if (ALLOWED.has(req.method)) return next();
  next(new HttpError(405, `the method ${req.method} is not allowed here`, undefined, { Allow: ALLOWED_METHODS.join(', ') }));
}
