/**
 * One mapping from a command's refusal to what the person is told (issue 15): every code of every
 * error a server-applied command can end in has one key and one status, the same on every route.
 */
import { describe, expect, it } from 'vitest';
import { refusalOf, refusalResponse } from '../../app/commands/refusals.server.js';
import { BreakoutError } from '../../app/model/breakouts.js';
import { StackError } from '../../app/model/stack.js';
import { CodeError, LastFacilitatorLinkError, UnavailableError, VoteError } from '../../app/services.js';

describe('refusals', () => {
  it('"no round" is a 404 wherever it comes from (it was 409 from a phone, 404 on the console)', () => {
    expect(refusalOf(new BreakoutError('no-round', 'noRound'))).toEqual({ error: 'round.errors.no-round', status: 404 });
  });

  it('each error a command can end in has a key and a 4xx, storage trouble a 503 to retry', () => {
    const cases: [unknown, string, number][] = [
      [new VoteError('voiceOnly'), 'proposals.errors.voiceOnly', 403],
      [new VoteError('already'), 'proposals.errors.already', 409],
      [new CodeError('unknown'), 'voting.errors.unknown', 404],
      [new StackError('not-yours', 'notYours'), 'stack.errors.not-yours', 403],
      [new BreakoutError('no-table', 'noTable'), 'round.errors.no-table', 400],
      [new LastFacilitatorLinkError(), 'console.lastFacilitator', 409],
    ];
    for (const [err, error, status] of cases) expect(refusalOf(err), error).toEqual({ error, status });
    expect(refusalOf(new UnavailableError('disk'))).toEqual({ error: 'errors.unavailable', status: 503, retryAfter: 5 });
  });

  it('anything else is not a refusal: a bug, rethrown', async () => {
    const bug = new TypeError('x is undefined');
    expect(refusalOf(bug)).toBeNull();
    expect(() => refusalResponse(bug)).toThrow(bug);
    const res = refusalResponse(new UnavailableError('disk'));
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('5');
    expect(await res.json()).toEqual({ error: 'errors.unavailable' });
  });
});
