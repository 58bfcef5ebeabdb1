/**
 * The client build's files ([PF1]–[PF6], ADR 030), served from memory with the compression done
 * at build time (scripts/precompress.ts): brotli to a browser that accepts it, else gzip, else
 * the file as built; the same bytes after decoding whichever is sent. Nothing is compressed per
 * request and no file is opened per request: a hall of phones asks for the same few files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

type Coding = 'br' | 'gzip' | 'identity';

interface BuiltFile {
  type: string;
  /** Strong validator of the file's content; each coding's ETag adds its name. */
  hash: string;
  bodies: Partial<Record<Coding, Buffer>>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** A name as the build writes them: no folders, no dot segments, nothing to decode. */
const SAFE_NAME = /^\/[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Which coding to send for an `Accept-Encoding` header ([PF2]): brotli when accepted with a
 * non-zero q, else gzip (or `x-gzip`, or `*`), else the file as built. Weights other than zero
 * are not ranked: brotli is never larger than gzip for our files.
 */
export function chooseCoding(acceptEncoding: string | undefined, has: Partial<Record<Coding, Buffer>>): Coding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? (name !== 'identity' ? accepted.get('*') : undefined) ?? 0) > 0;
  if (has.br && ok('br')) return 'br';
  if (has.gzip && (ok('gzip') || ok('x-gzip'))) return 'gzip';
  return 'identity';
}

/**
 * Serves the files directly in `dir` (not its folders) under the mount path, with `cacheControl`;
 * anything else goes on to the next handler. Files are read on their first request and kept.
 */
export function builtFiles(dir: string, cacheControl: string) {
  const names = new Set(
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isFile() && !/\.(br|gz)$/.test(e.name))
          .map((e) => e.name)
      : [],
  );
  const cache = new Map<string, BuiltFile>();
  const load = (name: string): BuiltFile => {
    let file = cache.get(name);
    if (file) return file;
    const identity = fs.readFileSync(path.join(dir, name));
    const extra = (suffix: string) => (fs.existsSync(path.join(dir, name + suffix)) ? fs.readFileSync(path.join(dir, name + suffix)) : undefined);
    file = {
      type: TYPES[path.extname(name)] ?? 'application/octet-stream',
      hash: crypto.createHash('sha256').update(identity).digest('base64url').slice(0, 22),
      bodies: { identity, br: extra('.br'), gzip: extra('.gz') },
    };
    cache.set(name, file);
    return file;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !SAFE_NAME.test(req.path) || !names.has(req.path.slice(1))) return next();
    const file = load(req.path.slice(1));
    const coding = chooseCoding(req.headers['accept-encoding'], file.bodies);
    const body = file.bodies[coding]!;
    const etag = `"${file.hash}${coding === 'identity' ? '' : `-${coding}`}"`;
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', etag);
    // A browser revalidating what it holds (any coding of this content) gets no body ([PF4]).
    const held = String(req.headers['if-none-match'] ?? '')
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''));
    if (held.some((t) => t === '*' || t.startsWith(`"${file.hash}"`) || t.startsWith(`"${file.hash}-`))) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', file.type);
    res.setHeader('Content-Length', body.length);
    if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
    res.status(200);
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  };
}
