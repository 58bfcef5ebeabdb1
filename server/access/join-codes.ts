import { createHmac, randomInt } from 'node:crypto';

/**
 * Short join codes (ADR 022): six characters from 32 that cannot be misread from the back of a
 * hall (no 0/O, no 1/I), shown as `ABC-DEF`: 32^6 = 2^30 codes. Few enough bits that guessing is
 * rate limited (server/http/join-code-limit.ts); what a code opens is the room's public join
 * link, which is on the projector for everyone in the hall anyway.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

/** A fresh code, unformatted (`ABCDEF`). */
export function generateJoinCode(): string {
  let raw = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) raw += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return raw;
}

/** As shown and read aloud: `ABC-DEF`. */
export function formatJoinCode(raw: string): string {
  return `${raw.slice(0, 3)}-${raw.slice(3)}`;
}

/** Spaces and every kind of dash people (and phone keyboards) put between the halves. */
const SEPARATORS = /[\s\-‐‑‒–—―−_.·]/gu;

/**
 * What a person typed, as the code it means: case, spaces and dashes do not matter, and
 * full-width letters count as letters (NFKC). Null when it cannot be a code at all.
 */
export function normalizeJoinCode(typed: string): string | null {
  if (typed.length > 64) return null;
  const raw = typed.normalize('NFKC').replace(SEPARATORS, '').toUpperCase();
  if (raw.length !== JOIN_CODE_LENGTH) return null;
  for (const c of raw) if (!JOIN_CODE_ALPHABET.includes(c)) return null;
  return raw;
}

/**
 * The stored form: an HMAC under the server's secret. Lookup is by this value through the
 * table's primary-key index, so how long it takes says nothing about how close a guess was
 * (the attacker cannot choose where in the index their guess lands), and a copy of the database
 * gives no code away.
 */
export function hashJoinCode(secret: string, normalized: string): Uint8Array {
  return createHmac('sha256', secret).update(`plenary/join-code/v1\n${normalized}`).digest();
}
