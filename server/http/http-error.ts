import type { RefusalKey } from './refusal-text.js';

/** An answer with a status and a message for the client; thrown by middleware and API handlers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
    /** Extra response headers (Retry-After, Allow, Connection). */
    readonly headers: Record<string, string> = {},
    /** What a person in a browser reads (a key of the catalogues' `refused` section); else by status. */
    readonly key?: RefusalKey,
  ) {
    super(message);
  }
}
