import path from 'node:path';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { ServerBuild } from '@remix-run/node';
import type { PlenaryServices } from '../../app/services.js';
import type { Logger } from '../logger.js';
import { remixHandler } from './remix-handler.js';
import { builtFiles } from './built-files.js';

export type RemixMode = 'vite' | 'build' | 'off';

const BUILD_DIR = path.resolve('build');

/**
 * The client build's files with the compression done at build time ([PF1], ADR 030), mounted
 * before the per-request compression so it never touches them. Hashed names never change
 * content: a year, immutable ([PF3]); the few unhashed ones (the icon, the service worker) an hour.
 */
export function mountBuiltFiles(app: Express, mode: RemixMode): void {
  if (mode !== 'build') return;
  app.use('/assets', builtFiles(path.join(BUILD_DIR, 'client', 'assets'), 'public, max-age=31536000, immutable'));
  app.use(builtFiles(path.join(BUILD_DIR, 'client'), 'public, max-age=3600'));
}

/**
 * Mounts the Remix app: through Vite's middleware in development (HMR on the same port), from
 * `build/` otherwise.
 */
export async function mountRemix(app: Express, server: Server, mode: RemixMode, services: PlenaryServices, log: Logger): Promise<() => Promise<void>> {
  // A fresh nonce per request: entry.server.tsx puts it on every script and in the CSP header.
  // `log` is how Remix's errors reach the structured logger (entry.server.tsx handleError).
  const getLoadContext = () => ({ services, cspNonce: randomBytes(16).toString('base64'), log });
  if (mode === 'off') return async () => {};
  if (mode === 'vite') {
    const vite = await import('vite');
    const viteServer = await vite.createServer({ server: { middlewareMode: true, hmr: { server } } });
    app.use(viteServer.middlewares);
    app.all(
      '*',
      remixHandler({
        build: () => viteServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>,
        getLoadContext,
        mode: 'development',
      }),
    );
    return () => viteServer.close();
  }
  const entry = path.join(BUILD_DIR, 'server', 'index.js');
  if (!fs.existsSync(entry)) throw new Error(`No Remix build at ${entry}: run "npm run build" first.`);
  const build = (await import(pathToFileURL(entry).href)) as ServerBuild;
  // The build's files were mounted before compression (mountBuiltFiles); any other address is Remix's.
  app.all('*', remixHandler({ build, getLoadContext, mode: 'production' }));
  return async () => {};
}
