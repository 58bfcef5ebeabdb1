/**
 * How a link is described outside the server, once: its join URL on the public origin, the
 * summary pages show, and the JSON the API answers (a projection of the same summary).
 */
import type { AccessService } from '../access/access-service.js';
import type { LinkRecord } from '../storage/store.js';
import type { LinkSummary } from '../../app/services.js';

/** The origin links are made on: the configured public URL, else the request's own. */
export function originFor(publicUrl: string | undefined, requestUrl: string): string {
  return publicUrl ? publicUrl.replace(/\/$/, '') : new URL(requestUrl).origin;
}

export const joinUrl = (origin: string, token: string) => `${origin}/join/${token}`;

/** What a page shows of a link; the full URL only for links whose token is kept sealed (attendee links). */
export async function linkSummary(access: AccessService, link: LinkRecord, origin: string): Promise<LinkSummary> {
  const token = access.unsealToken(link);
  return {
    id: link.id,
    role: link.role,
    scope: link.scope,
    label: link.label,
    createdAt: link.createdAt,
    revokedAt: link.revokedAt,
    url: token && link.revokedAt === null ? joinUrl(origin, token) : null,
    joinCode: token ? await access.joinCode(link) : null,
    canVote: link.canVote,
  };
}

/** The API's JSON for a link (ISO dates; `vote` is `canVote`; never a token). */
export function linkJson(link: Pick<LinkSummary, 'id' | 'role' | 'scope' | 'label' | 'canVote' | 'createdAt' | 'revokedAt'>) {
  return {
    id: link.id,
    role: link.role,
    scope: link.scope,
    label: link.label,
    vote: link.canVote,
    createdAt: new Date(link.createdAt).toISOString(),
    revokedAt: link.revokedAt === null ? null : new Date(link.revokedAt).toISOString(),
  };
}
