/**
 * Start-up refusals, on real processes (`server/main.ts` as `npm start` runs it): a short session
 * secret, an emptied database, a second process on one data folder, a folder it cannot write.
 * Each refusal is one plain message and exit code 1, and leaves the folder as it was.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { createAssembly, startTestServer, tempDataDir } from '../helpers/server.js';

const running: ChildServer[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    s.process.kill('SIGKILL');
    await s.exited;
  }
});

async function start(dataDir: string, env: Record<string, string> = {}, options: { uid?: number } = {}): Promise<ChildServer> {
  const server = await spawnServer(dataDir, env, options);
  running.push(server);
  return server;
}

/** The refusal's stderr (the spawn rejects with it); fails the test if the server started. */
async function refusal(dataDir: string, env: Record<string, string> = {}, options: { uid?: number } = {}): Promise<string> {
  const outcome = await start(dataDir, env, options).then(
    () => null,
    (err: Error) => err.message,
  );
  if (outcome === null) throw new Error('the server started; it should have refused');
  expect(outcome).toMatch(/^server exited with 1 before listening/);
  // One clear message, not a stack trace.
  expect(outcome).not.toMatch(/\n\s+at /);
  return outcome;
}

const SECRET = 'a-session-secret-long-enough-for-tests-0123456789';
const stop = async (s: ChildServer) => {
  s.process.kill('SIGTERM');
  await s.exited;
};

describe('[B4] the session secret', () => {
  it('refuses an empty secret file, naming it and saying what to do, and leaves it as it is', async () => {
    const dir = tempDataDir('plenary-secret-');
    const file = path.join(dir, 'session-secret');
    fs.writeFileSync(file, '');
    const message = await refusal(dir);
    expect(message).toContain(file);
    expect(message).toMatch(/at least 32/);
    expect(message).toMatch(/Delete the file|SESSION_SECRET/);
    expect(fs.readFileSync(file, 'utf8')).toBe('');
    expect(fs.existsSync(path.join(dir, 'plenary.sqlite'))).toBe(false);
  });

  it('refuses a 3-character secret file, and one of 31 characters', async () => {
    for (const secret of ['abc', 'x'.repeat(31)]) {
      const dir = tempDataDir('plenary-secret-');
      fs.writeFileSync(path.join(dir, 'session-secret'), `${secret}\n`);
      expect(await refusal(dir)).toContain(`is ${secret.length} characters long`);
    }
  });

  it('makes a secret of at least 32 characters on first start, mode 0600, with no temporary file left', async () => {
    const dir = tempDataDir('plenary-secret-');
    const server = await start(dir);
    const file = path.join(dir, 'session-secret');
    expect(fs.readFileSync(file, 'utf8').length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    // The kept secret is used again: a cookie from before the restart still opens the page.
    const asm = await createAssembly(server.url);
    const join = await fetch(`${server.url}/join/${asm.attendeeToken}`, { redirect: 'manual' });
    const cookie = join.headers.get('set-cookie')!.split(';')[0];
    await stop(server);
    const again = await start(dir);
    expect((await fetch(`${again.url}/api/assemblies/${asm.id}/links`, { headers: { cookie } })).status).toBe(403);
  });
});

describe('[B5] an emptied database', () => {
  it('refuses a zero-length plenary.sqlite in a folder used before, and overwrites nothing', async () => {
    const dir = tempDataDir('plenary-db-');
    const server = await start(dir, { SESSION_SECRET: SECRET });
    await createAssembly(server.url);
    await stop(server);
    const db = path.join(dir, 'plenary.sqlite');
    fs.truncateSync(db, 0);
    // No secret file (it came from the environment): the lock file remembers the database was made.
    expect(fs.existsSync(path.join(dir, 'session-secret'))).toBe(false);
    const message = await refusal(dir, { SESSION_SECRET: SECRET });
    expect(message).toContain(db);
    expect(message).toMatch(/empty \(0 bytes\)/);
    expect(message).toMatch(/Restore/);
    expect(fs.statSync(db).size).toBe(0);
  });

  it('refuses a zero-length database beside a kept session secret (the issue’s case)', async () => {
    const dir = tempDataDir('plenary-db-');
    fs.writeFileSync(path.join(dir, 'session-secret'), 'k'.repeat(43), { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'plenary.sqlite'), '');
    expect(await refusal(dir)).toMatch(/session-secret exists/);
    expect(fs.statSync(path.join(dir, 'plenary.sqlite')).size).toBe(0);
  });

  it('refuses a file that is not a SQLite database', async () => {
    const dir = tempDataDir('plenary-db-');
    fs.writeFileSync(path.join(dir, 'plenary.sqlite'), 'not a database at all, just some text\n'.repeat(200));
    expect(await refusal(dir)).toMatch(/not a SQLite database/);
  });

  it('starts in a fresh empty folder, and with a zero-length database in a folder never used', async () => {
    const fresh = tempDataDir('plenary-db-');
    const server = await start(fresh);
    expect((await createAssembly(server.url)).id).toBeTruthy();
    const touched = tempDataDir('plenary-db-');
    fs.writeFileSync(path.join(touched, 'plenary.sqlite'), '');
    const other = await start(touched, { SESSION_SECRET: SECRET });
    expect((await createAssembly(other.url)).id).toBeTruthy();
  });
});

describe('[B6] one process per data folder', () => {
  it('refuses a second process on the same folder; the first keeps serving; after kill -9 a new one starts', async () => {
    const dir = tempDataDir('plenary-lock-');
    const first = await start(dir);
    const asm = await createAssembly(first.url, 'Held assembly');
    const before = fs.readdirSync(dir).sort();

    const message = await refusal(dir);
    expect(message).toMatch(/another Plenary process is using the data folder/);
    expect(message).toContain(dir);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect((await fetch(`${first.url}/join/${asm.attendeeToken}`, { redirect: 'manual' })).status).toBe(303);

    first.process.kill('SIGKILL');
    await first.exited;
    const next = await start(dir);
    expect((await fetch(`${next.url}/join/${asm.attendeeToken}`, { redirect: 'manual' })).status).toBe(303);
  });
});

describe('[B6] one Plenary per data folder in one process too', () => {
  it('a second startPlenary on the same folder is refused; after close() the folder is free again', async () => {
    const first = await startTestServer();
    await expect(startTestServer({ dataDir: first.dataDir })).rejects.toThrow(/another Plenary process is using the data folder/);
    await first.close();
    const again = await startTestServer({ dataDir: first.dataDir });
    await again.close();
  });
});

describe('[B7] a data folder that cannot be written', () => {
  it('stops with one line naming the folder, and exit 1', async () => {
    const dir = tempDataDir('plenary-ro-');
    fs.chmodSync(dir, 0o555);
    // Root writes anywhere: as root, the server runs as "nobody", for whom the folder is
    // read-only, when nobody can read the code; else on a folder even root cannot write (/proc/1).
    const root = process.getuid?.() === 0;
    const nobodyReads =
      root &&
      spawnSync(process.execPath, ['-e', `require('fs').readFileSync(${JSON.stringify(path.resolve('server/main.ts'))})`], { uid: 65534, gid: 65534 })
        .status === 0;
    const target = root && !nobodyReads ? '/proc/1' : dir;
    const message = await refusal(target, {}, { uid: nobodyReads ? 65534 : undefined });
    expect(message).toMatch(/the data folder .* is not writable/);
    expect(message).toContain(target);
    expect(message.trim().split('\n')).toHaveLength(2); // the helper's first line, then one line
  });

  it('a data folder that cannot be made (a file in its path) stops the same way', async () => {
    const parent = tempDataDir('plenary-ro-');
    fs.writeFileSync(path.join(parent, 'file'), '');
    const message = await refusal(path.join(parent, 'file', 'data'));
    expect(message).toMatch(/cannot be made: a part of the path is a file/);
  });
});
