/**
 * The JavaScript a route makes the browser download, gzipped, from the Vite manifest of the
 * client build: entry, root, the route module and everything they import, statically or on demand.
 *   npm run build && npx tsx scripts/bundle-size.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
}

const CLIENT = path.resolve('build/client');

/** Route ids are Remix's: `root`, `routes/a.$id._index`, ... */
export function routeJavaScript(routeId: string): { files: string[]; gzipBytes: number; rawBytes: number } {
  const assets = path.join(CLIENT, 'assets');
  const manifestFile = fs.readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) throw new Error('no client build: run "npm run build" first');
  const source = fs.readFileSync(path.join(assets, manifestFile), 'utf8');
  const manifest = JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1)) as Manifest;
  const route = manifest.routes[routeId];
  if (!route) throw new Error(`no route ${routeId} in the client manifest`);
  const start = [manifest.entry.module, ...manifest.entry.imports];
  for (const r of [manifest.routes.root, route]) start.push(r.module, ...(r.imports ?? []));
  const seen = new Set<string>();
  const visit = (url: string) => {
    const file = path.basename(url);
    if (seen.has(file)) return;
    seen.add(file);
    // Static imports are listed in the manifest; what a chunk loads on demand is found in it.
    const code = fs.readFileSync(path.join(assets, file), 'utf8');
    for (const m of code.matchAll(/import\("\.\/([^"]+\.js)"\)/g)) visit(m[1]);
  };
  for (const url of start) visit(url);
  const files = [...seen];
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(assets, f));
    rawBytes += bytes.length;
    gzipBytes += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { files, gzipBytes, rawBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const route of ['routes/a.$id._index', 'routes/a.$id.screen', 'routes/a.$id.facilitate', 'routes/_index']) {
    const { files, gzipBytes, rawBytes } = routeJavaScript(route);
    console.log(`${route}: ${(gzipBytes / 1024).toFixed(1)} KiB gzipped (${(rawBytes / 1024).toFixed(1)} KiB raw, ${files.length} files)`);
  }
}
