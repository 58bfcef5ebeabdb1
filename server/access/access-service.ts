import { EventEmitter } from 'node:events';
import type { LinkRecord, Role, Store } from '../storage/store.js';
import type { Grant } from './permissions.js';
import { generateCode, hashCode, normalizeCode } from './voting-codes.js';
import { formatJoinCode, generateJoinCode, hashJoinCode, normalizeJoinCode } from './join-codes.js';
import { CookieSigner, generateId, generateToken, hashToken, readCookie, sessionCookieName, TokenSealer } from './tokens.js';
import { LastFacilitatorLinkError } from '../../app/services.js';

/** A session as a request or socket presents it: the grant plus the browser's session id. */
export interface Session {
  grant: Grant;
  /** Stable per browser per assembly, across its attendee links ([V11]); keys rate limits and voting rights. Null for bearer tokens. */
  sessionId: string | null;
}

export interface MintedLink {
  link: LinkRecord;
  /** The only time the token exists outside the holder's hands. */
  token: string;
}

export const SESSION_MAX_AGE_S = 60 * 60 * 24 * 30;

/**
 * Assemblies, links and sessions. Emits `revoked` with a link id so open sockets on that link
 * are closed at once.
 */
export class AccessService extends EventEmitter<{ revoked: [linkId: string] }> {
  private readonly signer: CookieSigner;
  private readonly sealer: TokenSealer;

  constructor(
    private readonly store: Store,
    private readonly secret: string,
  ) {
    super();
    this.signer = new CookieSigner(secret);
    this.sealer = new TokenSealer(secret);
  }

  /** Creates the assembly with its first two links; `initialState` seeds its plenary document. */
  async createAssembly(title: string, initialState?: Uint8Array): Promise<{ id: string; facilitator: MintedLink; attendee: MintedLink }> {
    const id = generateId();
    await this.store.createAssembly({ id, title, createdAt: Date.now() });
    if (initialState) await this.store.appendUpdates(`${id}/plenary`, [initialState]);
    const facilitator = await this.mintLink(id, 'facilitator', null, null);
    const attendee = await this.mintLink(id, 'attendee', null, null);
    return { id, facilitator, attendee };
  }

  /** `canVote: false` makes an attendee link voice only (the holder speaks but does not vote). */
  async mintLink(assemblyId: string, role: Role, scope: string | null, label: string | null, canVote = true): Promise<MintedLink> {
    const token = generateToken();
    const link: LinkRecord = {
      id: generateId(),
      assemblyId,
      role,
      scope,
      label,
      tokenHash: hashToken(token),
      createdAt: Date.now(),
      revokedAt: null,
      sealedToken: role === 'attendee' ? this.sealer.seal(token) : null,
      canVote: role !== 'attendee' || canVote,
    };
    await this.store.createLink(link);
    if (link.sealedToken) await this.joinCode(link);
    return { link, token };
  }

  /**
   * The short join code of a live public join link (`ABC-DEF`, ADR 022), made on first ask: a
   * link from before join codes gets one the first time the projector shows it. Null for any
   * other link, and for a revoked one (its code died with it).
   */
  async joinCode(link: LinkRecord): Promise<string | null> {
    if (link.role !== 'attendee' || !link.sealedToken || link.revokedAt !== null) return null;
    const sealed = await this.store.getJoinCode(link.id);
    if (sealed) {
      const code = this.sealer.unseal(sealed);
      return code ? formatJoinCode(code) : null;
    }
    // 2^30 codes: a draw that hits a live one is rare, eight in a row is never.
    for (let i = 0; i < 8; i++) {
      const code = generateJoinCode();
      const result = await this.store.addJoinCode(link.id, hashJoinCode(this.secret, code), this.sealer.seal(code));
      if (result === 'added') return formatJoinCode(code);
      if (result === 'no-link') return null;
      // Another request gave it one at the same moment: that one stands.
      if (result === 'link-has-code') return this.joinCode(link);
    }
    throw new Error('no free join code after eight draws');
  }

  /**
   * The live public join link a typed join code opens: `invalid` when the text cannot be a code
   * at all, null when no live link has it (a wrong guess, a revoked link, a deleted assembly).
   */
  async linkForJoinCode(typed: string): Promise<LinkRecord | 'invalid' | null> {
    const normalized = normalizeJoinCode(typed);
    if (!normalized) return 'invalid';
    const linkId = await this.store.findLinkIdByJoinCode(hashJoinCode(this.secret, normalized));
    const link = linkId ? await this.store.getLink(linkId) : null;
    return link && link.revokedAt === null && link.role === 'attendee' ? link : null;
  }

  /** Revokes a link; refuses (LastFacilitatorLinkError) to lock the facilitators out. */
  async revokeLink(assemblyId: string, linkId: string): Promise<boolean> {
    const links = await this.store.listLinks(assemblyId);
    const link = links.find((l) => l.id === linkId);
    if (!link) return false;
    const liveFacilitators = links.filter((l) => l.role === 'facilitator' && l.revokedAt === null);
    if (link.role === 'facilitator' && link.revokedAt === null && liveFacilitators.length === 1) {
      throw new LastFacilitatorLinkError();
    }
    await this.store.revokeLink(linkId, Date.now());
    this.emit('revoked', linkId);
    return true;
  }

  /** The live link a token opens, or null (unknown or revoked). */
  async linkForToken(token: string): Promise<LinkRecord | null> {
    if (token.length < 16 || token.length > 128) return null;
    const link = await this.store.findLinkByTokenHash(hashToken(token));
    return link && link.revokedAt === null ? link : null;
  }

  async sessionFromToken(token: string): Promise<Session | null> {
    const link = await this.linkForToken(token);
    return link ? { grant: toGrant(link), sessionId: null } : null;
  }

  /** The session a Cookie header carries for one assembly, if it is signed and its link is live. */
  async sessionFromCookie(cookieHeader: string | undefined, assemblyId: string): Promise<Session | null> {
    const value = readCookie(cookieHeader, sessionCookieName(assemblyId));
    if (!value) return null;
    const ids = this.signer.verify(assemblyId, value);
    if (!ids) return null;
    const link = await this.store.getLink(ids.linkId);
    if (!link || link.revokedAt !== null || link.assemblyId !== assemblyId) return null;
    return { grant: toGrant(link), sessionId: ids.sessionId };
  }

  /**
   * The session a request carries for one assembly: a Bearer token (scripts; it may belong to
   * another assembly, which the caller answers with 403) or that assembly's session cookie.
   */
  async sessionFromHeaders(authorization: string | null | undefined, cookie: string | null | undefined, assemblyId: string): Promise<Session | null> {
    const session = authorization?.startsWith('Bearer ')
      ? await this.sessionFromToken(authorization.slice(7).trim())
      : await this.sessionFromCookie(cookie ?? undefined, assemblyId);
    return session;
  }

  /**
   * An opaque tag for one session and one `purpose` in this assembly (bearer tokens: one per
   * link): the owner tag of a stack entry, a seat key for a round. Only the server can make it;
   * two purposes give unrelated tags, so what the room reads cannot link one person's actions.
   */
  pseudonym(assemblyId: string, session: { linkId: string; sessionId: string | null }, purpose: string): string {
    return this.signer.pseudonym(assemblyId, `${session.sessionId ?? `link:${session.linkId}`}\n${purpose}`);
  }

  /**
   * The session cookie for a link. Opening the same link again in the same browser keeps the
   * session (so scanning the join QR again is not a second vote or a fresh hand allowance).
   */
  async sessionCookie(link: LinkRecord, secure: boolean, cookieHeader?: string): Promise<string> {
    return (await this.openSession(link, secure, cookieHeader)).cookie;
  }

  /**
   * The live link behind the session this browser already holds for an assembly, or null (no
   * cookie, a forged one, a revoked link).
   */
  async heldLink(assemblyId: string, cookieHeader?: string): Promise<LinkRecord | null> {
    const current = readCookie(cookieHeader, sessionCookieName(assemblyId));
    const prior = current ? this.signer.verify(assemblyId, current) : null;
    if (!prior) return null;
    const link = await this.store.getLink(prior.linkId);
    return link && link.assemblyId === assemblyId && link.revokedAt === null ? link : null;
  }

  /** The session cookie for a link (see sessionCookie), with the session id it carries. */
  async openSession(link: LinkRecord, secure: boolean, cookieHeader?: string): Promise<{ cookie: string; sessionId: string }> {
    const current = readCookie(cookieHeader, sessionCookieName(link.assemblyId));
    const prior = current ? this.signer.verify(link.assemblyId, current) : null;
    const sessionId = prior && (await this.keepsSession(prior.linkId, link)) ? prior.sessionId : generateId();
    const value = this.signer.sign(link.assemblyId, link.id, sessionId);
    const cookie = [
      `${sessionCookieName(link.assemblyId)}=${value}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Lax',
      `Max-Age=${SESSION_MAX_AGE_S}`,
      ...(secure ? ['Secure'] : []),
    ].join('; ');
    return { cookie, sessionId };
  }

  /**
   * Whether a browser whose signed cookie carries a session of link `priorLinkId` keeps that
   * session id on `link` ([V11], ADR 014). The same link: always. Another attendee link of the same
   * assembly, live or revoked: yes, so a change of the public join link (a leaked QR replaced)
   * leaves every phone the voting right, hands and seats bound to its session. The signature
   * proves it is the browser that held that session; what the new link allows (voice only or
   * not) is the new link's. Other roles start a session of their own.
   */
  private async keepsSession(priorLinkId: string, link: LinkRecord): Promise<boolean> {
    if (priorLinkId === link.id) return true;
    if (link.role !== 'attendee') return false;
    const prior = await this.store.getLink(priorLinkId);
    return prior !== null && prior.assemblyId === link.assemblyId && prior.role === 'attendee';
  }

  /** The room's public join link: the recoverable attendee link shown on the projector ([H4]). */
  async publicLink(assemblyId: string): Promise<LinkRecord | null> {
    const links = await this.store.listLinks(assemblyId);
    return links.find((l) => l.role === 'attendee' && l.revokedAt === null && l.sealedToken !== null) ?? null;
  }

  /** Issues `count` voting rights, one code each; the codes are returned for the printed sheet. */
  async issueVotingRights(assemblyId: string, count: number): Promise<{ number: number; code: string }[]> {
    const codes = new Map<string, string>();
    for (let i = 0; i < count; i++) codes.set(generateId(), generateCode());
    const rights = [...codes].map(([id, code]) => ({
      id,
      codeHash: hashCode(this.secret, assemblyId, normalizeCode(code)!),
      sealedCode: this.sealer.seal(code),
    }));
    const stored = await this.store.issueRights(assemblyId, rights, Date.now());
    return stored.map((r) => ({ number: r.number, code: codes.get(r.id)! }));
  }

  /** Every right by number: used or not, revoked or not, and the code of those not yet handed over. */
  async votingRoll(assemblyId: string): Promise<{ number: number; code: string | null; redeemed: boolean; revoked: boolean }[]> {
    return (await this.store.listRights(assemblyId)).map((r) => ({
      number: r.number,
      code: r.sealedCode && !r.redeemed && r.revokedAt === null ? this.sealer.unseal(r.sealedCode) : null,
      redeemed: r.redeemed,
      revoked: r.revokedAt !== null,
    }));
  }

  revokeVotingRight(assemblyId: string, number: number): Promise<boolean> {
    return this.store.revokeRight(assemblyId, number, Date.now());
  }

  /** The opaque key a session holds its voting right under (unlinkable to its hands and seats). */
  rightHolder(assemblyId: string, session: { linkId: string; sessionId: string | null }): string {
    return this.pseudonym(assemblyId, session, 'voting-right');
  }

  /** Redeems a typed code for this session: `invalid` when it cannot be a code at all. */
  async redeemCode(
    assemblyId: string,
    session: { linkId: string; sessionId: string | null },
    typed: string,
  ): Promise<'redeemed' | 'yours' | 'taken' | 'unknown' | 'holds-another' | 'invalid'> {
    const normalized = normalizeCode(typed);
    if (!normalized) return 'invalid';
    return this.store.redeemRight(assemblyId, hashCode(this.secret, assemblyId, normalized), this.rightHolder(assemblyId, session));
  }

  listLinks(assemblyId: string): Promise<LinkRecord[]> {
    return this.store.listLinks(assemblyId);
  }

  /** The token of an attendee link, recovered from its sealed copy. */
  unsealToken(link: LinkRecord): string | null {
    return link.sealedToken ? this.sealer.unseal(link.sealedToken) : null;
  }
}

export function toGrant(link: LinkRecord): Grant {
  return { id: link.id, assemblyId: link.assemblyId, role: link.role, scope: link.scope, canVote: link.canVote };
}

/** Where each role lands after opening its link. */
export function rolePath(link: Pick<LinkRecord, 'assemblyId' | 'role' | 'scope'>): string {
  const base = `/a/${link.assemblyId}`;
  switch (link.role) {
    case 'facilitator':
      return `${base}/facilitate`;
    case 'stack-keeper':
      return `${base}/stack`;
    case 'note-taker':
      return link.scope && link.scope !== 'plenary' ? `${base}/breakout/${link.scope}` : `${base}/notes`;
    case 'attendee':
      return base;
    case 'reader':
      return `${base}/minutes`;
    case 'interpreter':
      return `${base}/interpret`;
  }
}
