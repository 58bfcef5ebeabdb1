import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A link token: 256 random bits, base64url. Only its hash is ever stored ([A1]). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Uint8Array {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Short random ids for assemblies, links and sessions (96 bits). */
export function generateId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Signs and checks the per-assembly session cookie `<linkId>.<sessionId>.<mac>`. The link id
 * is looked up on every use, so revoking the link ends the session at once ([A4]).
 */
export class CookieSigner {
  constructor(private readonly secret: string) {}

  private mac(assemblyId: string, linkId: string, sessionId: string): string {
    return createHmac('sha256', this.secret).update(`${assemblyId}\n${linkId}\n${sessionId}`).digest('base64url');
  }

  sign(assemblyId: string, linkId: string, sessionId: string): string {
    return `${linkId}.${sessionId}.${this.mac(assemblyId, linkId, sessionId)}`;
  }

  verify(assemblyId: string, value: string): { linkId: string; sessionId: string } | null {
    const parts = value.split('.');
    if (parts.length !== 3) return null;
    const [linkId, sessionId, mac] = parts;
    const expected = Buffer.from(this.mac(assemblyId, linkId, sessionId));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { linkId, sessionId };
  }
}

/** The cookie that carries one assembly's session. */
export function sessionCookieName(assemblyId: string): string {
  return `plenary_${assemblyId}`;
}

/** Reads one cookie from a Cookie header without trusting its shape. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
