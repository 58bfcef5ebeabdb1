import { createHmac, randomInt } from 'node:crypto';

/**
 * Voting codes (ADR 014): ten characters of Crockford's base32 (no I, L, O or U to misread),
 * printed as `XXXXX-XXXXX`: 50 random bits. Guessing one of 2,000 live codes at 1,000 tries a
 * second takes about 18 years on average, so no shared limit on wrong tries is needed (and such
 * a limit would let a script lock real phones out of redeeming theirs).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/** A fresh code, as printed. */
export function generateCode(): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return formatCode(raw);
}

export function formatCode(raw: string): string {
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/**
 * What a person typed, as the code it means: case, spaces and dashes do not matter, and the
 * letters people confuse with digits are read as those digits. Null when it cannot be a code.
 */
export function normalizeCode(typed: string): string | null {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (raw.length !== CODE_LENGTH) return null;
  for (const c of raw) if (!ALPHABET.includes(c)) return null;
  return raw;
}

/** The stored form: an HMAC under the server's secret, so a copy of the database gives no code away. */
export function hashCode(secret: string, assemblyId: string, normalized: string): Uint8Array {
  return createHmac('sha256', secret).update(`plenary/voting-code/v1\n${assemblyId}\n${normalized}`).digest();
}
