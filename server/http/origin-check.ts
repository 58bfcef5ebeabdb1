import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error.js';

/** Methods that change nothing; every other method must come from our own pages or a script. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OriginPolicy {
  /** PUBLIC_URL: the address people reach Plenary at (behind a proxy, it may differ from Host). */
  publicUrl?: string;
}

/**
 * The host the request was sent to, as the browser saw it: X-Forwarded-Host when a trusted
 * proxy (loopback) set it, else Host. Normalised with the origin's scheme, so "example.org:443"
 * and "example.org" compare equal for https.
 */
function sameHost(origin: URL, headers: IncomingHttpHeaders, trustProxy: boolean): boolean {
  const forwarded = trustProxy
    ? String(headers['x-forwarded-host'] ?? '')
        .split(',')[0]
        .trim()
    : '';
  const host = forwarded || headers.host;
  if (!host) return false;
  try {
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}

function isOurs(value: string, headers: IncomingHttpHeaders, trustProxy: boolean, policy: OriginPolicy): boolean {
  // "null" (sandboxed frames, no-referrer forms, cross-origin redirects) does not parse: foreign.
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (policy.publicUrl && url.origin === new URL(policy.publicUrl).origin) return true;
  return sameHost(url, headers, trustProxy);
}

/**
 * Whether a state-changing request comes from one of our own pages ([W2]). Browsers name the
 * page a request comes from: `Origin` on every POST (forms included) and websocket; if it is
 * missing, `Sec-Fetch-Site`; failing that, `Referer`. A request with none of them is not a
 * browser acting for a page (a script with a Bearer token, curl, the tests): it may proceed,
 * since cross-site forgery needs a browser that carries someone's cookie. See ADR 013.
 */
export function fromOurOrigin(headers: IncomingHttpHeaders, trustProxy: boolean, policy: OriginPolicy): boolean {
  const origin = headers.origin;
  if (origin !== undefined) return isOurs(origin, headers, trustProxy, policy);
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const referer = headers.referer;
  if (referer !== undefined) return isOurs(referer, headers, trustProxy, policy);
  return true;
}

/** Refuses a cross-origin POST/DELETE with 403 before any other work ([W2]). */
export function originCheck(policy: OriginPolicy) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE.has(req.method)) return next();
    const trustProxy = req.app.get('trust proxy fn')(req.socket.remoteAddress ?? '', 0) === true;
    if (fromOurOrigin(req.headers, trustProxy, policy)) {
      // Remix checks Origin against Host again and throws (a 500) where we allow PUBLIC_URL
      // behind a proxy that rewrites Host; this check is the one that decides.
      res.locals.originChecked = true;
      return next();
    }
    next(new HttpError(403, 'this request comes from another site; Plenary only takes changes from its own pages'));
  };
}
