import { PassThrough } from 'node:stream';
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer, isRouteErrorResponse } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceContext } from './utils/nonce';
import { refusalPage } from './utils/refusal-page.server';

const ABORT_DELAY = 5_000;

/**
 * Nothing leaves the origin: scripts only with this response's nonce, connections only to our
 * own host (including the /sync websocket), images, styles and fonts only from here.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    // The service worker that keeps the notes page for offline reloads.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // Vite's dev server injects inline scripts; the strict policy applies to the built app.
  if (!import.meta.env.DEV) responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce));
  const refused = refusalPage(request, responseStatusCode, responseHeaders, remixContext);
  if (refused) return refused;
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady';
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) loadContext.log.error('rendering a page failed', { error: describe(error) });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** An error as a short string: never its stack or properties (a raw header value can hide there). */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : 'unknown error';
}

/**
 * Remix's errors go to the structured logger instead of `console.error` ([W12]): one JSON line,
 * scrubbed of secrets, without the request's headers or URL. A Response a guard throws (401, 404)
 * is an answer, not an error; errors of aborted requests are the client leaving.
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs): void {
  if (request.signal.aborted) return;
  if (error instanceof Response || (isRouteErrorResponse(error) && error.status < 500)) {
    context.log.debug('request answered with an error response', { status: error.status });
    return;
  }
  context.log.error('a loader or action failed', { method: request.method, error: describe(error) });
}
