import { expect, it } from 'vitest';
import { formatJoinCode, generateJoinCode, hashJoinCode, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalizeJoinCode } from '../../server/access/join-codes.js';
import { addressKey, joinCodeLimit } from '../../server/http/join-code-limit.js';
import { memoryState } from '../../server/shared/shared-state.js';

it('[N20] codes are six characters of 32 with no 0, O, 1 or I: 30 bits', () => {
  expect(new Set(JOIN_CODE_ALPHABET).size).toBe(32);
  for (const c of '0O1I') expect(JOIN_CODE_ALPHABET).not.toContain(c);
  expect(Math.log2(JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH)).toBeGreaterThanOrEqual(30);
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const code = generateJoinCode();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    seen.add(code);
  }
  expect(seen.size).toBeGreaterThan(1990);
  expect(formatJoinCode('ABCDEF')).toBe('ABC-DEF');
});

it('[N20][N24] typing: case, spaces, dashes and full-width forms do not matter; anything else is not a code', () => {
  for (const typed of ['abc-def', ' ABC DEF ', 'a-b-c-d-e-f', 'ABC–DEF', 'ＡＢＣ－ＤＥＦ', 'abc\tdef']) expect(normalizeJoinCode(typed), typed).toBe('ABCDEF');
  for (const typed of ['', 'ABCDE', 'ABCDEFG', 'ABC-DE0', 'OBCDEF', '1BCDEF', 'IBCDEF', 'ÄBCDEF', 'ABC🙂EF', 'A'.repeat(10_000), '\u0000BCDEF']) {
    expect(normalizeJoinCode(typed), typed.slice(0, 20)).toBeNull();
  }
});

it('[N22] a code is stored as an HMAC under the server secret: another secret, another hash', () => {
  const a = hashJoinCode('secret-one-that-is-long-enough-0123', 'ABCDEF');
  expect(Buffer.from(a).equals(Buffer.from(hashJoinCode('secret-one-that-is-long-enough-0123', 'ABCDEF')))).toBe(true);
  expect(Buffer.from(a).equals(Buffer.from(hashJoinCode('secret-two-that-is-long-enough-0123', 'ABCDEF')))).toBe(false);
  expect(Buffer.from(a).toString('latin1')).not.toContain('ABCDEF');
});

it('[N21] guesses count per address, an IPv6 one per /64', () => {
  expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
  expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
  expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
  expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
  expect(addressKey(undefined)).toBe('unknown');
});

it('[N21] a wrong guess spends, a right one gives its token back; the bucket refills with time', async () => {
  let now = 0;
  const limit = joinCodeLimit({ addressCapacity: 2, addressPerMinute: 6, overallCapacity: 100, overallPerMinute: 100 }, memoryState(() => now).allowance);
  const finish: (() => void)[] = [];
  const guess = async (status: number) => {
    const refused = await new Promise<unknown>((resolve) => {
      const res = { statusCode: status, on: (_: string, f: () => void) => finish.push(f) };
      limit({ method: 'GET', path: '/j/ABCDEF', ip: '192.0.2.1' } as never, res as never, (err?: unknown) => resolve(err ?? null));
    });
    finish.splice(0).forEach((f) => f());
    // The refunds are applied in the next turns.
    await new Promise((resolve) => setImmediate(resolve));
    return refused ? (refused as { status: number }).status : status;
  };
  expect([await guess(303), await guess(303), await guess(303)]).toEqual([303, 303, 303]);
  expect([await guess(404), await guess(404), await guess(303)]).toEqual([404, 404, 429]);
  now += 10_000; // one back every 10 s
  expect(await guess(404)).toBe(404);
  expect(await guess(404)).toBe(429);
  // The form itself is not a guess.
  let passed = false;
  limit({ method: 'GET', path: '/j', ip: '192.0.2.1' } as never, {} as never, () => (passed = true));
  expect(passed).toBe(true);
});
