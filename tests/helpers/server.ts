import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlenary, type Plenary, type PlenaryConfig } from '../../server/index.js';
import { silentLogger } from '../../server/logger.js';

export interface TestServer extends Plenary {
  dataDir: string;
  /** ws://host:port/sync */
  syncUrl: string;
}

export function tempDataDir(prefix = 'plenary-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real Plenary on 127.0.0.1, port 0, with a fresh data folder. */
export async function startTestServer(overrides: Partial<PlenaryConfig> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDataDir();
  const plenary = await startPlenary({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    sessionSecret: 'test-secret-that-is-long-enough-0123456789',
    remix: 'off',
    logger: silentLogger,
    ...overrides,
  });
  return { ...plenary, dataDir, syncUrl: `${plenary.url.replace('http', 'ws')}/sync` };
}

export interface CreatedAssembly {
  id: string;
  facilitatorToken: string;
  attendeeToken: string;
}

export const tokenOf = (url: string): string => url.slice(url.lastIndexOf('/') + 1);

export async function createAssembly(baseUrl: string, title = 'General assembly'): Promise<CreatedAssembly> {
  const res = await fetch(`${baseUrl}/api/assemblies`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`creating an assembly answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { id: string; links: { facilitator: string; attendee: string } };
  return { id: body.id, facilitatorToken: tokenOf(body.links.facilitator), attendeeToken: tokenOf(body.links.attendee) };
}

export async function mintLink(
  baseUrl: string,
  assembly: CreatedAssembly,
  body: { role: string; scope?: string; label?: string },
): Promise<{ id: string; token: string }> {
  const res = await fetch(`${baseUrl}/api/assemblies/${assembly.id}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${assembly.facilitatorToken}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`minting a link answered ${res.status}: ${await res.text()}`);
  const json = (await res.json()) as { id: string; url: string };
  return { id: json.id, token: tokenOf(json.url) };
}

/** Everything on disk that SQLite writes in `dataDir`: the database, its WAL and its shared memory. */
export function databaseBytes(dataDir: string): Buffer {
  return Buffer.concat(
    fs
      .readdirSync(dataDir)
      .filter((f) => f.startsWith('plenary.sqlite'))
      .map((f) => fs.readFileSync(path.join(dataDir, f))),
  );
}
