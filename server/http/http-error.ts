/** An answer with a status and a message for the client; thrown by middleware and API handlers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
    /** Extra response headers (Retry-After, Allow, Connection). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
