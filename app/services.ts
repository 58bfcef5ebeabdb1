/**
 * What loaders and actions may ask of the server, handed in through Remix's load context.
 * `app/` never imports `server/`; the server implements this interface (server/http/services.ts).
 */
import type { AssemblyMeta } from './model/meta';

export const ROLES = ['facilitator', 'stack-keeper', 'note-taker', 'attendee', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export interface AssemblySummary {
  id: string;
  title: string;
  createdAt: number;
}

export interface RequestSession {
  role: Role;
  scope: string | null;
  linkId: string;
  /** Stable per browser per assembly; null for bearer-token requests. */
  sessionId: string | null;
}

export interface LinkSummary {
  id: string;
  role: Role;
  scope: string | null;
  label: string | null;
  createdAt: number;
  revokedAt: number | null;
  /** The full join URL, kept only for attendee links (they are shown on the projector). */
  url: string | null;
}

export interface MintedLink {
  link: LinkSummary;
  url: string;
  token: string;
}

export class LastFacilitatorLinkError extends Error {
  constructor() {
    super('this is the last facilitator link; mint another before revoking it');
  }
}

export interface PlenaryServices {
  getAssembly(id: string): Promise<AssemblySummary | null>;
  /** The session a request holds for one assembly (cookie or bearer token), or null. */
  sessionFor(request: Request, assemblyId: string): Promise<RequestSession | null>;
  createAssembly(
    meta: AssemblyMeta,
    request: Request,
  ): Promise<{ id: string; facilitator: MintedLink; attendee: MintedLink; cookie: string }>;
  listLinks(assemblyId: string, request: Request): Promise<LinkSummary[]>;
  mintLink(assemblyId: string, input: { role: Role; scope: string | null; label: string | null }, request: Request): Promise<MintedLink>;
  /** Throws LastFacilitatorLinkError for the last live facilitator link. */
  revokeLink(assemblyId: string, linkId: string): Promise<boolean>;
  /** The server's current state of a document, as one Yjs update (for server rendering). */
  docState(docName: string): Promise<Uint8Array>;
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    services: PlenaryServices;
    /** Per-request nonce for the Content-Security-Policy's script-src. */
    cspNonce: string;
  }
}
