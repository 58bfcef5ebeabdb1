/**
 * What loaders and actions may ask of the server, handed in through Remix's load context.
 * `app/` never imports `server/`; the server implements this interface (server/http/remix.ts).
 */
export type Role = 'facilitator' | 'stack-keeper' | 'note-taker' | 'attendee' | 'reader';

export interface AssemblySummary {
  id: string;
  title: string;
  createdAt: number;
}

export interface RequestSession {
  role: Role;
  scope: string | null;
  /** Stable per browser per assembly; null for bearer-token requests. */
  sessionId: string | null;
}

export interface PlenaryServices {
  getAssembly(id: string): Promise<AssemblySummary | null>;
  /** The session a request holds for one assembly (cookie or bearer token), or null. */
  sessionFor(request: Request, assemblyId: string): Promise<RequestSession | null>;
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    services: PlenaryServices;
  }
}
