import type { NextFunction, Request, Response } from 'express';
import { createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node';
import { bodyLimitFor, readBody } from './body-limit.js';
import { HttpError } from './http-error.js';

export interface RemixHandlerOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: 'development' | 'production';
  getLoadContext: () => AppLoadContext;
}

/**
 * Remix behind Express, like `@remix-run/express`, except that the body is read first, counted
 * against the route's limit ([W8]): an oversized form is refused with 413 before any loader,
 * action or role guard runs, instead of being buffered whole by `request.formData()`.
 */
export function remixHandler({ build, mode, getLoadContext }: RemixHandlerOptions) {
  const handle = createRequestHandler(build, mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body =
        req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req, (res.locals.bodyLimit as number | undefined) ?? bodyLimitFor(req.path));
      const request = toFetchRequest(req, res, body);
      const response = await handle(request, getLoadContext());
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (response.body) await pipeBody(response.body, res);
      else res.end();
    } catch (err) {
      next(err);
    }
  };
}

/** What `pipeBody` writes to: an Express response, with `flush` when compression is on. */
export interface FlushableWritable {
  write(chunk: Uint8Array): unknown;
  end(): unknown;
  destroy(err?: Error): unknown;
  flush?: () => void;
}

/** The most of a body held back waiting for a pause before it is written anyway. */
export const HELD_MAX = 64 * 1024;

/**
 * Writes a Remix response body in one piece per pause, flushing the compressor only when the
 * stream pauses ([PF7]). Remix's own `writeReadableStreamToWritable` writes and flushes every
 * chunk: React writes a page in ~2 KB pieces, each a round trip through the compressor's thread,
 * and a brotli flush after each cost more CPU than the page's rendering and made the page
 * larger. The pieces that arrive together are joined and written once (issue 17); a part that is
 * still rendering (a suspended component) is still sent as soon as the stream waits for it.
 */
export async function pipeBody(body: ReadableStream<Uint8Array>, res: FlushableWritable): Promise<void> {
  const reader = body.getReader();
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  const send = () => {
    res.write(held.length === 1 ? held[0] : Buffer.concat(held));
    held.length = 0;
    heldBytes = 0;
  };
  try {
    for (;;) {
      const next = reader.read();
      if (held.length > 0) {
        // A chunk already queued resolves within microtasks; one still to come loses to setImmediate.
        const ready = await Promise.race([next.then(() => true), new Promise<boolean>((resolve) => setImmediate(() => resolve(false)))]);
        if (!ready) {
          send();
          res.flush?.();
        }
      }
      const { done, value } = await next;
      if (done) break;
      held.push(value);
      heldBytes += value.byteLength;
      // A page rendered in one go (a long minutes draft) is not held whole: it goes on in 64 KB writes.
      if (heldBytes >= HELD_MAX) send();
    }
    if (held.length > 0) send();
    res.end();
  } catch (err) {
    res.destroy(err as Error);
    throw err;
  }
}

/** The Fetch request Remix sees: host and scheme as Express resolves them (trust proxy: loopback). */
function toFetchRequest(req: Request, res: Response, body: Buffer | undefined): globalThis.Request {
  // req.hostname drops the port; take it from X-Forwarded-Host or Host, as @remix-run/express does.
  const portOf = (value: string | undefined) => {
    const port = Number.parseInt(value?.split(':')[1] ?? '', 10);
    return Number.isSafeInteger(port) ? port : null;
  };
  const port = portOf(req.get('x-forwarded-host')) ?? portOf(req.get('host'));
  let url: URL;
  try {
    url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`);
  } catch {
    throw new HttpError(400, 'the Host header or the address is malformed', undefined, {}, 'badAddress');
  }
  const headers = new Headers();
  try {
    for (const [key, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      // Our origin check decided; Remix's own would compare Origin with Host again and throw (a
      // 500) where PUBLIC_URL is allowed behind a proxy that rewrites Host.
      if (key === 'origin' && res.locals.originChecked) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
    }
  } catch {
    throw new HttpError(400, 'a request header is malformed');
  }
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const init = body ? new Uint8Array(body) : undefined;
  try {
    return new Request(url.href, { method: req.method, headers, body: init, signal: controller.signal });
  } catch {
    // Its message would carry the URL, and with it what the client sent as Host ([W12]).
    throw new HttpError(400, 'the Host header or the address is malformed', undefined, {}, 'badAddress');
  }
}
