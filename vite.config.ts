import { vitePlugin as remix } from '@remix-run/dev';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig, type Rollup } from 'vite';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The attendee page's own small modules (components, hooks) in one chunk instead of a dozen:
 * a hall of phones makes fewer requests each on its first visit ([PF6], ADR 030). What the root
 * or the create page also imports stays where it was, so those pages do not load the attendee's
 * code; the facilitator's pages, which share modules with the attendee page, load this chunk.
 */
function phoneChunk() {
  let members: Set<string> | null = null;
  let shared: Set<string> | null = null;
  let forms: Set<string> | null = null;
  const reachable = (start: string, getModuleInfo: Rollup.GetModuleInfo) => {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...(getModuleInfo(id)?.importedIds ?? []));
    }
    return seen;
  };
  const app = new URL('./app/', import.meta.url).pathname;
  return (id: string, { getModuleInfo }: { getModuleInfo: Rollup.GetModuleInfo }) => {
    if (!members) {
      const page = reachable(`${app}routes/a.$id._index.tsx`, getModuleInfo);
      const root = reachable(`${app}root.tsx`, getModuleInfo);
      const create = reachable(`${app}routes/_index.tsx`, getModuleInfo);
      const elsewhere = new Set([...root, ...create]);
      // What the create page shares with the attendee page (a button, a field, yjs): a chunk of its own.
      forms = new Set([...create].filter((m) => !m.startsWith(`${app}routes/`) && !root.has(m) && page.has(m)));
      // What every page loads through the root (React, Remix, the root's own modules): one chunk.
      shared = new Set([...root].filter((m) => m.includes('/node_modules/') || m.startsWith(app)));
      members = new Set([...page].filter((m) => m.startsWith(app) && !m.startsWith(`${app}routes/`) && !elsewhere.has(m)));
    }
    return members.has(id) ? 'phone' : shared!.has(id) ? 'framework' : forms!.has(id) ? 'forms' : undefined;
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    tailwindcss(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  optimizeDeps: { include: ['yjs', 'y-websocket'] },
  // The browser's chunks only; the server build stays one file as before.
  build: isSsrBuild ? {} : { rollupOptions: { output: { manualChunks: phoneChunk() } } },
  server: { watch: { ignored: ['**/data/**', '**/tests/**', '**/bench/**'] } },
}));
