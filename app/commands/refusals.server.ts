import { json } from '@remix-run/node';
import { BreakoutError } from '~/model/breakouts';
import { StackError } from '~/model/stack';
import { CodeError, LastFacilitatorLinkError, UnavailableError, VoteError } from '~/services';

/**
 * What a refused command is told, written once (issue 15): every error a server-applied command
 * can end in, as the i18n key the page shows and the HTTP status. 4xx: refused for good (a phone's
 * outbox drops it); 503 with Retry-After: try again. Anything not listed is a bug and is rethrown.
 */
export interface Refusal {
  error: string;
  status: number;
  retryAfter?: number;
}

const STACK: Record<StackError['code'], number> = { invalid: 400, closed: 409, duplicate: 409, 'not-waiting': 409, 'not-found': 404, 'not-yours': 403 };
const BREAKOUT: Record<BreakoutError['code'], number> = { invalid: 400, 'no-table': 400, 'no-round': 404, 'not-open': 409, state: 409, 'no-seat': 409 };
const VOTE: Record<VoteError['code'], number> = { voiceOnly: 403, noRight: 403, already: 409, closed: 409, interrupted: 409 };
const CODE: Record<CodeError['code'], number> = { invalid: 400, unknown: 404, taken: 409, holdsAnother: 409, voiceOnly: 403 };

/** The refusal for `err`, or null when it is not one a command can end in. */
export function refusalOf(err: unknown): Refusal | null {
  if (err instanceof UnavailableError) return { error: 'errors.unavailable', status: 503, retryAfter: 5 };
  if (err instanceof VoteError) return { error: `proposals.errors.${err.code}`, status: VOTE[err.code] };
  if (err instanceof CodeError) return { error: `voting.errors.${err.code}`, status: CODE[err.code] };
  if (err instanceof StackError) return { error: `stack.errors.${err.code}`, status: STACK[err.code] };
  if (err instanceof BreakoutError) return { error: `round.errors.${err.code}`, status: BREAKOUT[err.code] };
  if (err instanceof LastFacilitatorLinkError) return { error: 'console.lastFacilitator', status: 409 };
  return null;
}

/** A page action's answer for a refused command (`{ error }` with its status and Retry-After); anything else is rethrown. */
export function refusalResponse<Extra extends Record<string, unknown> = Record<never, never>>(err: unknown, extra?: Extra) {
  const refusal = refusalOf(err);
  if (!refusal) throw err;
  return json(
    { ...(extra as Extra), error: refusal.error },
    { status: refusal.status, headers: refusal.retryAfter ? { 'Retry-After': String(refusal.retryAfter) } : undefined },
  );
}
