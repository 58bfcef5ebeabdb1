/**
 * Signing in by link and posting forms the way a browser would, plus a raw post for bodies no
 * browser sends (streamed, or larger than the limits).
 */
import http from 'node:http';

/** The session cookie (`name=value`) a join link sets. */
export async function sessionCookie(baseUrl: string, token: string): Promise<string> {
  const res = await fetch(`${baseUrl}/join/${token}`, { redirect: 'manual' });
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** Posts `body` as a form with the raw node client, chunked when asked (no Content-Length); the status. */
export function postRawForm(baseUrl: string, path: string, body: string, headers: Record<string, string>, chunked = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: baseUrl,
        ...headers,
        ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // The server may answer (and close) before the whole body is sent: that is the point.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    if (chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}
