import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

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

  /**
   * A stable, opaque name for one session in one assembly: what the plenary document records as
   * the owner of a hand raised from a phone. It cannot be turned back into the session or used as
   * a credential, and the same phone gets a different one in another assembly.
   */
  pseudonym(assemblyId: string, sessionKey: string): string {
    return createHmac('sha256', this.secret).update(`owner\n${assemblyId}\n${sessionKey}`).digest('base64url').slice(0, 22);
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

export { readCookie } from '../../app/utils/cookies.js';

/**
 * Seals tokens that must be shown again (the attendee join link on the projector) with
 * AES-256-GCM under a key derived from the server secret: the database alone does not reveal them.
 */
export class TokenSealer {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('plenary/seal-token/v1').digest();
  }

  seal(token: string): Uint8Array {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** The token, or null when the bytes were not sealed with this secret. */
  unseal(sealed: Uint8Array): string | null {
    try {
      const buf = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
