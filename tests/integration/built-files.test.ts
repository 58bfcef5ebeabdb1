/**
 * The client build's files as a phone gets them ([PF1]–[PF6], ADR 030): compressed at build time,
 * chosen by Accept-Encoding, cacheable for a year when the name carries the content's hash, and
 * revalidated with an ETag. Reads the build that `npm test` makes first.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { chooseCoding } from '../../server/http/built-files.js';

let server: TestServer;
const ASSETS = path.resolve('build/client/assets');
// The attendee page's largest script: the shared React/Remix chunk.
const script = fs
  .readdirSync(ASSETS)
  .filter((f) => f.endsWith('.js'))
  .sort((a, b) => fs.statSync(path.join(ASSETS, b)).size - fs.statSync(path.join(ASSETS, a)).size)[0];
const onDisk = fs.readFileSync(path.join(ASSETS, script));

/** A raw GET: the body as sent (Node's client does not decode), and the headers. */
function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${server.url}${pathname}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
});
afterAll(() => server.close());

describe('built files', () => {
  it('[PF1] the build holds a brotli and a gzip copy of every script and stylesheet, each smaller and the same bytes decoded', () => {
    const texts = fs.readdirSync(ASSETS).filter((f) => /\.(js|css)$/.test(f));
    expect(texts.length).toBeGreaterThan(10);
    for (const f of texts) {
      const raw = fs.readFileSync(path.join(ASSETS, f));
      if (raw.length < 200) continue; // a tiny file may not shrink
      const br = fs.readFileSync(path.join(ASSETS, `${f}.br`));
      const gz = fs.readFileSync(path.join(ASSETS, `${f}.gz`));
      expect(br.length, f).toBeLessThan(raw.length);
      expect(zlib.brotliDecompressSync(br).equals(raw), f).toBe(true);
      expect(zlib.gunzipSync(gz).equals(raw), f).toBe(true);
    }
  });

  it('[PF2] a browser that accepts brotli gets the brotli copy, the same bytes once decoded', async () => {
    const res = await get(`/assets/${script}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(onDisk.length / 2);
    expect(zlib.brotliDecompressSync(res.body).equals(onDisk)).toBe(true);
  });

  it('[PF2] gzip without brotli, the file as built without either (or with brotli refused by q=0)', async () => {
    const gz = await get(`/assets/${script}`, { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(onDisk)).toBe(true);
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get(`/assets/${script}`, accept ? { 'accept-encoding': accept } : {});
      expect(plain.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(plain.body.equals(onDisk), String(accept)).toBe(true);
    }
    expect(chooseCoding('br;q=0, *', { br: onDisk, gzip: onDisk })).toBe('gzip');
    expect(chooseCoding('*;q=0', { br: onDisk, gzip: onDisk })).toBe('identity');
  });

  it('[PF3] a hashed file may be kept a year without asking again; the unhashed icon an hour', async () => {
    const res = await get(`/assets/${script}`, { 'accept-encoding': 'br' });
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Still every response's headers ([X2]).
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const icon = await get('/favicon.svg', { 'accept-encoding': 'br' });
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
    expect(icon.headers['content-type']).toBe('image/svg+xml');
  });

  it('[PF4] asked again with the ETag it holds, a browser gets 304 and no body, whichever coding it held', async () => {
    const br = await get(`/assets/${script}`, { 'accept-encoding': 'br' });
    const gz = await get(`/assets/${script}`, { 'accept-encoding': 'gzip' });
    expect(br.headers.etag).toMatch(/^"[^"]+"$/);
    expect(br.headers.etag).not.toBe(gz.headers.etag);
    for (const held of [br.headers.etag!, gz.headers.etag!, `W/${br.headers.etag}`]) {
      const again = await get(`/assets/${script}`, { 'accept-encoding': 'br', 'if-none-match': held });
      expect(again.status, held).toBe(304);
      expect(again.body.length).toBe(0);
    }
    const other = await get(`/assets/${script}`, { 'accept-encoding': 'br', 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
  });

  it('[PF5] a name the build did not make, or one reaching out of the folder, is not a file', async () => {
    for (const p of ['/assets/nothing-here.js', '/assets/..%2F..%2Fpackage.json', `/assets/${script}.br`]) {
      const res = await get(p, { 'accept-encoding': 'br' });
      expect(res.status, p).toBe(404);
    }
  });
});
