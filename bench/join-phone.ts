/**
 * One simulated phone's first visit through a join link, as Chromium makes it (checked against a
 * real Chromium by bench/chromium-visit.ts): the join link (303 and a cookie), the page, every
 * stylesheet, script (`modulepreload` and `script`) and icon it references, then, as the page's
 * scripts do once they run, the websocket client chunk and the sync on the plenary document;
 * beside the sync the clock samples (`/api/time` five times). Since [PF25] a page just made does
 * not ask for the phone's own state on its first connection (before, it was one more request,
 * `/a/<id>/command`). Its own connections (up to six, as Chromium) and its own cookies.
 *
 * Bytes are counted as transferred: response bodies as they came (compressed), response headers
 * as their lines, websocket payloads both ways.
 *
 * Like Chromium (HttpNetworkTransaction's resend on a reused connection), a request whose reused
 * keep-alive connection is reset or closed before its response's headers came is sent once more
 * on a fresh connection; such retries are counted apart (`retries`), and only a second failure,
 * or one on a fresh connection, is an error.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const UA = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

export interface PhoneResult {
  ok: boolean;
  error?: string;
  /** Join link opened → the page's HTML fully received (ms). */
  pageMs: number;
  /** Join link opened → the first sync step 2 applied (ms). */
  liveMs: number;
  requests: number;
  /** Requests sent again on a fresh connection after a reused one was reset before any answer. */
  retries: number;
  bodyBytes: number;
  headerBytes: number;
  wsBytes: number;
  /** Every response: path, status, body bytes, encoding (kept for the first phone only). */
  log?: { path: string; status: number; bytes: number; encoding: string }[];
}

export interface Captured {
  path: string;
  status: number;
  headers: [string, string][];
  body: Buffer;
}

export interface PhoneOptions {
  base: string;
  joinPath: string;
  /** Where the websocket client chunk is (the page loads it with `import()`, not from the HTML). */
  websocketChunk: string | null;
  timeoutMs: number;
  /** Keeps every response whole (the capture the floor serves). */
  capture?: Captured[];
  keepLog?: boolean;
}

/** An open phone: its socket stays open until `close()`. */
export interface Phone {
  result: Promise<PhoneResult>;
  close(): void;
  /** The sync step 2 frame as received (for the floor). */
  step2?: Buffer;
}

function headerLength(res: http.IncomingMessage): number {
  let n = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
  for (let i = 0; i < res.rawHeaders.length; i += 2) n += res.rawHeaders[i].length + res.rawHeaders[i + 1].length + 4;
  return n;
}

function decode(body: Buffer, encodingName: string): Buffer {
  if (encodingName === 'br') return zlib.brotliDecompressSync(body);
  if (encodingName === 'gzip') return zlib.gunzipSync(body);
  if (encodingName === 'deflate') return zlib.inflateSync(body);
  return body;
}

/** The page's references, in document order: stylesheets, module preloads, scripts, icons. */
export function referencesOf(html: string): string[] {
  const refs: string[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(m[0])?.[1] ?? '';
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href && /^(stylesheet|modulepreload|icon|preload)$/.test(rel)) refs.push(href);
  }
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) refs.push(m[1]);
  // Remix imports the route modules from an inline module script; they are preloaded too.
  for (const m of html.matchAll(/import \* as route\d+ from "([^"]+)"/g)) refs.push(m[1]);
  return [...new Set(refs)];
}

/** The `state` (base64 Yjs update) in the page's Remix loader data (turbo-stream), or null. */
export function loaderStateOf(html: string): Uint8Array | null {
  let flat: unknown[] = [];
  for (const m of html.matchAll(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\)/g)) {
    const text = JSON.parse(m[1]) as string;
    for (const line of text.split('\n').filter(Boolean)) {
      if (line.startsWith('[')) flat = JSON.parse(line) as unknown[];
    }
  }
  // Turbo-stream: keys are `_<index of the key's string>`, values the index of the value.
  const field = (obj: unknown, name: string): unknown => {
    const key = flat.indexOf(name);
    const at = obj && typeof obj === 'object' ? (obj as Record<string, number>)[`_${key}`] : undefined;
    return at === undefined ? undefined : flat[at];
  };
  const loaderData = field(flat[0], 'loaderData');
  const route = flat.find((v) => typeof v === 'string' && v.startsWith('routes/a.')) as string | undefined;
  const state = route ? field(field(loaderData, route), 'state') : undefined;
  if (typeof state === 'string' && state) return Buffer.from(state, 'base64');
  return null;
}

export function startPhone(opts: PhoneOptions): Phone {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  const cookies = new Map<string, string>();
  const t0 = performance.now();
  const r: PhoneResult = { ok: false, pageMs: NaN, liveMs: NaN, requests: 0, retries: 0, bodyBytes: 0, headerBytes: 0, wsBytes: 0 };
  if (opts.keepLog) r.log = [];
  let ws: WebSocket | null = null;
  const phone: Phone = {
    result: Promise.resolve(r),
    close() {
      ws?.terminate();
      agent.destroy();
    },
  };
  const cookieHeader = () => [...cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');

  /** One GET; `retry` is set on the one resend of a request whose reused connection failed. */
  const get = (
    path: string,
    headers: Record<string, string>,
    retry = false,
  ): Promise<{ status: number; body: Buffer; encoding: string; headers: http.IncomingHttpHeaders; raw: [string, string][] }> =>
    new Promise((resolve, reject) => {
      // The resend goes on a connection of its own, never another pooled one that may be as stale.
      const fresh = retry ? new http.Agent({ keepAlive: true, maxSockets: 1 }) : null;
      let answered = false;
      const req = http.get(
        `${opts.base}${path}`,
        {
          agent: fresh ?? agent,
          headers: {
            'user-agent': UA,
            'accept-encoding': ACCEPT_ENCODING,
            'accept-language': 'en-US,en;q=0.9',
            ...(cookies.size ? { cookie: cookieHeader() } : {}),
            ...headers,
          },
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            fresh?.destroy();
            const body = Buffer.concat(chunks);
            r.requests++;
            r.bodyBytes += body.length;
            r.headerBytes += headerLength(res);
            for (const c of [res.headers['set-cookie'] ?? []].flat()) {
              const [pair] = c.split(';');
              const eq = pair.indexOf('=');
              cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
            }
            const enc = String(res.headers['content-encoding'] ?? 'identity');
            r.log?.push({ path, status: res.statusCode ?? 0, bytes: body.length, encoding: enc });
            const raw: [string, string][] = [];
            for (let i = 0; i < res.rawHeaders.length; i += 2) raw.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
            opts.capture?.push({ path, status: res.statusCode ?? 0, headers: raw, body });
            if ((res.statusCode ?? 0) >= 400) reject(new Error(`${res.statusCode} for ${path.replace(/\/join\/.*/, '/join/…')}`));
            else resolve({ status: res.statusCode ?? 0, body, encoding: enc, headers: res.headers, raw });
          });
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        fresh?.destroy();
        // Chromium resends once when a connection it reused fails before the answer's headers:
        // the server may have closed it (idle timeout) as the request went out.
        if (!retry && !answered && req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
          r.retries++;
          get(path, headers, true).then(resolve, reject);
          return;
        }
        reject(err);
      });
      req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`timeout on ${path}`)));
    });

  const navigate = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
  const subresource = (dest: string) => ({
    accept: dest === 'style' ? 'text/css,*/*;q=0.1' : '*/*',
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': dest === 'style' ? 'no-cors' : 'cors',
    'sec-fetch-dest': dest,
  });

  const sync = (docName: string, state: Uint8Array | null) =>
    new Promise<void>((resolve, reject) => {
      const doc = new Y.Doc();
      if (state) Y.applyUpdate(doc, state);
      const url = `${opts.base.replace('http', 'ws')}/sync/${docName}`;
      ws = new WebSocket(url, { headers: { cookie: cookieHeader(), origin: opts.base, 'user-agent': UA }, perMessageDeflate: false });
      ws.binaryType = 'nodebuffer';
      const timer = setTimeout(() => reject(new Error('websocket sync timed out')), opts.timeoutMs);
      ws.on('open', () => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
        const frame = encoding.toUint8Array(e);
        r.wsBytes += frame.length;
        ws!.send(frame);
      });
      ws.on('message', (data: Buffer) => {
        r.wsBytes += data.length;
        const d = decoding.createDecoder(data);
        if (decoding.readVarUint(d) !== 0) return;
        const step = decoding.readVarUint(d);
        if (step !== 1 || !Number.isNaN(r.liveMs)) return;
        Y.applyUpdate(doc, decoding.readVarUint8Array(d));
        r.liveMs = performance.now() - t0;
        phone.step2 = Buffer.from(data);
        doc.destroy();
        clearTimeout(timer);
        resolve();
      });
      ws.on('unexpected-response', (_req, res) => reject(new Error(`websocket refused: ${res.statusCode}`)));
      ws.on('close', (code) => Number.isNaN(r.liveMs) && reject(new Error(`websocket closed: ${code}`)));
      ws.on('error', (err) => reject(err));
    });

  phone.result = (async () => {
    try {
      const join = await get(opts.joinPath, { ...navigate, 'sec-fetch-site': 'none' });
      const location = String(join.headers.location ?? '');
      if (join.status !== 303 || !location) throw new Error(`join answered ${join.status}`);
      const page = await get(location, { ...navigate, 'sec-fetch-site': 'none' });
      r.pageMs = performance.now() - t0;
      const html = decode(page.body, page.encoding).toString('utf8');
      const refs = referencesOf(html);
      await Promise.all(refs.map((ref) => get(ref, subresource(ref.endsWith('.css') ? 'style' : ref.endsWith('.js') ? 'script' : 'image'))));
      // The page's scripts have run: the socket client chunk, the clock samples, the sync.
      const assemblyId = location.split('/')[2];
      const clock = (async () => {
        for (let i = 0; i < 5; i++)
          await get('/api/time', { accept: '*/*', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' });
      })();
      // Awaited below; until then a failure of the sync must not leave its rejection unhandled.
      clock.catch(() => {});
      if (opts.websocketChunk) await get(opts.websocketChunk, subresource('script'));
      await sync(`${assemblyId}/plenary`, loaderStateOf(html));
      await clock;
      r.ok = true;
    } catch (err) {
      r.error = (err as Error).message;
    }
    return r;
  })();
  return phone;
}
