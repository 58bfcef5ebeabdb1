import { expect, it } from 'vitest';
import { LastFacilitatorLinkError, UnavailableError, VoteError } from '../../app/services.js';

it('errors thrown by the server are recognised by the Remix build’s own copy of their class', () => {
  // What the other copy of app/services.ts throws looks like this: same name, another class.
  const fromOtherCopy = Object.assign(new Error('already'), { name: 'plenary.VoteError', code: 'already' });
  expect(fromOtherCopy instanceof VoteError).toBe(true);
  expect(fromOtherCopy instanceof UnavailableError).toBe(false);
  expect(new UnavailableError('x') instanceof UnavailableError).toBe(true);
  expect(new LastFacilitatorLinkError() instanceof VoteError).toBe(false);
  expect(new Error('plain') instanceof VoteError).toBe(false);
});
