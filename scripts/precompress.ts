/**
 * Compresses the client build once, at build time ([PF1], ADR 030): next to every text file of
 * `build/client` (scripts, styles, SVG, the service worker) a `.br` (brotli, quality 11) and a
 * `.gz` (gzip, level 9), each kept only when smaller than the file. The server sends these as
 * they are instead of compressing every response again.
 *
 *   npx tsx scripts/precompress.ts [dir]   (part of `npm run build`)
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|html|webmanifest|map)$/;

/** Writes `<file>.br` and `<file>.gz` for every compressible file under `dir`; returns how many files. */
export function precompress(dir: string): number {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      count += precompress(file);
      continue;
    }
    if (!COMPRESSIBLE.test(entry.name)) continue;
    const raw = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(raw, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    const gz = zlib.gzipSync(raw, { level: 9 });
    for (const [suffix, bytes] of [
      ['.br', br],
      ['.gz', gz],
    ] as const) {
      if (bytes.length < raw.length) fs.writeFileSync(file + suffix, bytes);
      else fs.rmSync(file + suffix, { force: true });
    }
    count++;
  }
  return count;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(process.argv[2] ?? 'build/client');
  console.log(`precompressed ${precompress(dir)} files in ${dir}`);
}
