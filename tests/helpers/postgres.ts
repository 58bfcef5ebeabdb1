/**
 * A throwaway PostgreSQL cluster for tests: `initdb` into a temp folder, `pg_ctl start` on a free
 * loopback port with fsync off, a fresh database per caller, everything stopped and removed by
 * `stop()` (call it in afterAll). Start one per test file (beforeAll): initdb is the slow part.
 *
 * initdb and postgres refuse to run as root: as root they run as the `postgres` user through
 * `runuser`. When the binaries are missing or initdb fails, `startPostgres` throws with what to
 * install: a test that needs Postgres fails, it is never skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PgCluster {
  port: number;
  /** A new database (empty, or a copy of `template`); returns its postgres:// URL. */
  createDatabase(prefix?: string, template?: string): Promise<string>;
  /** One statement as the superuser, in `database` (default `postgres`). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], database?: string): Promise<R[]>;
  /** The cluster's data folder (for tests that read its files). */
  dataDir: string;
  stop(): Promise<void>;
}

/** Where Debian (postgresql-15, or any other version) puts the server binaries. */
function binDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/initdb (install the Debian package `postgresql`, as .ci/run does, or set PG_BIN). Tests that need Postgres fail without it.',
    );
  }
  return path.join(root, versions[0], 'bin');
}

const asRoot = process.getuid?.() === 0;

/** Runs a Postgres binary, as the postgres user when we are root; throws with its output on failure. */
function run(bin: string, args: string[], timeout = 60_000): string {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout });
  if (result.error || result.status !== 0) {
    const reason = result.error?.message ?? `exit ${result.status}`;
    throw new Error(`${path.basename(bin)} failed (${reason}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  return result.stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let counter = 0;

/** Starts a cluster (about a second with fsync off). */
export async function startPostgres(): Promise<PgCluster> {
  const bin = binDir();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-pg-'));
  const dataDir = path.join(root, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(root, uid, gid);
  }
  try {
    run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`Cannot make a PostgreSQL cluster for the tests: ${(err as Error).message}`);
  }
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c autovacuum=off',
  ].join(' ');
  try {
    run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', path.join(root, 'log'), '-w', '-t', '60', 'start']);
  } catch (err) {
    const log = fs.existsSync(path.join(root, 'log')) ? fs.readFileSync(path.join(root, 'log'), 'utf8') : '';
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`Cannot start the test PostgreSQL: ${(err as Error).message}\n${log}`);
  }

  // If the test process dies without afterAll, the postmaster goes with it.
  const postmasterPid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const killOnExit = () => {
    try {
      process.kill(postmasterPid, 'SIGQUIT');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', killOnExit);

  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], database = 'postgres'): Promise<R[]> => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };

  let stopped = false;
  return {
    port,
    dataDir,
    query,
    async createDatabase(prefix = 'plenary', template?: string) {
      const name = `${prefix.replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${++counter}`;
      await query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template} STRATEGY FILE_COPY` : ''}`);
      return url(name);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', killOnExit);
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        killOnExit();
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
