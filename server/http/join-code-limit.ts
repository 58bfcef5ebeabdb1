import type { NextFunction, Request, Response } from 'express';
import { isIPv6 } from 'node:net';
import { HttpError } from './http-error.js';
import { memoryState, type SharedState } from '../shared/shared-state.js';
import { routedPath } from '../../app/utils/routed-path.js';

/**
 * How many join-code guesses are let through (ADR 022), as token buckets: per client address a
 * burst of `addressCapacity` refilled at `addressPerMinute`, and for the whole server a burst of
 * `overallCapacity` refilled at `overallPerMinute`. Only wrong tries spend (a code that opens a
 * room gives its token back), so a hall of a thousand phones behind one venue NAT typing the
 * right code never meets the limit; its typos (a few a minute) stay well inside it.
 *
 * With N live codes among 2^30, a guesser needs about 2^30 / N tries: at the overall 120 a
 * minute, 62 days for N = 100 live codes, 6 days for N = 1,000; from one address (30 a minute)
 * four times that.
 */
export const JOIN_CODE_LIMITS = { addressCapacity: 60, addressPerMinute: 30, overallCapacity: 300, overallPerMinute: 120 };

/** The two ways a code is tried: `GET /j/<code>` and the form's `POST /j` (Remix's `.data` forms too). */
const GUESS_GET = /^\/j\/[^/]+\/?$/;
const GUESS_POST = /^\/j(?:\.data)?\/?$/;

/**
 * Who a guess is counted against: the client's address (`trust proxy` decides which), an IPv6
 * one by its /64, since anyone given one address holds the whole /64. Kept in memory only, never
 * logged or stored (DESIGN.md "Store the least").
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1];
  if (!isIPv6(ip)) return ip;
  const [head] = ip.split('::');
  const groups = ip.includes('::') ? head.split(':').filter(Boolean) : ip.split(':');
  return `${[...groups, '0', '0', '0', '0'].slice(0, 4).join(':')}::/64`;
}

/**
 * Rate limits guessing of join codes before the page's loader or action runs: a guess takes a
 * token from its address's bucket and from the overall one, up front (so a thousand parallel
 * guesses cannot all slip past a check), and gives both back when the answer is not a refusal
 * (the code opened a room). Out of tokens: 429 with Retry-After and a plain sentence in the
 * person's language, and the code is not looked up at all.
 */
export function joinCodeLimit(limits: Partial<typeof JOIN_CODE_LIMITS> = {}, allowance: SharedState['allowance'] = memoryState().allowance) {
  const l = { ...JOIN_CODE_LIMITS, ...limits };
  // On several nodes the buckets are Redis's: a guesser spreading tries over the nodes gains nothing (ADR 029).
  const byAddress = allowance('join-address', l.addressCapacity, l.addressPerMinute);
  const overall = allowance('join-overall', l.overallCapacity, l.overallPerMinute);
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = routedPath(req.path);
    const guess = ((req.method === 'GET' || req.method === 'HEAD') && GUESS_GET.test(path)) || (req.method === 'POST' && GUESS_POST.test(path));
    if (!guess) return next();
    limit(req, res).then(next, next);
  };

  async function limit(req: Request, res: Response): Promise<HttpError | undefined> {
    const key = addressKey(req.ip);
    let wait = await byAddress.wait(key);
    if (wait === 0) {
      wait = await overall.wait('all');
      if (wait > 0) await byAddress.refund(key);
    }
    if (wait > 0) {
      const seconds = String(Math.max(1, Math.ceil(wait / 1000)));
      return new HttpError(429, 'too many wrong join codes; wait and try again', undefined, { 'Retry-After': seconds }, 'tooManyGuesses');
    }
    res.on('finish', () => {
      if (res.statusCode < 400) void Promise.all([byAddress.refund(key), overall.refund('all')]).catch(() => {});
    });
    return undefined;
  }
}
