import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSessionSecret, parseEnv } from '../../server/env.js';
import { StartupError } from '../../server/startup-error.js';
import { spawnServer } from '../helpers/child-server.js';
import { tempDataDir } from '../helpers/server.js';

describe('[B3] environment', () => {
  it('takes the defaults: port 3000, data in ./data', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('./data');
  });

  it('names each bad variable', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => parseEnv({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET must be at least 32/);
    // [B4] 32 spaces are no secret (a file of spaces was already refused).
    expect(() => parseEnv({ SESSION_SECRET: ' '.repeat(40) })).toThrow(/SESSION_SECRET must be at least 32/);
    expect(() => parseEnv({ PUBLIC_URL: 'plenary.local' })).toThrow(/PUBLIC_URL/);
  });

  it('[SO20] REDIS_URL is a redis:// or rediss:// URL, and unset by default', () => {
    expect(parseEnv({}).REDIS_URL).toBeUndefined();
    expect(parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }).REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(parseEnv({ REDIS_URL: 'rediss://user:pw@redis.example:6380/2' }).REDIS_URL).toMatch(/^rediss:/);
    expect(() => parseEnv({ REDIS_URL: '127.0.0.1:6379' })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL must start with redis/);
  });

  it('[PF10] PLENARY_BATCH_MS is whole milliseconds from 0 to 50, 0 by default', () => {
    expect(parseEnv({}).PLENARY_BATCH_MS).toBe(0);
    expect(parseEnv({ PLENARY_BATCH_MS: '5' }).PLENARY_BATCH_MS).toBe(5);
    expect(() => parseEnv({ PLENARY_BATCH_MS: 'soon' })).toThrow(/PLENARY_BATCH_MS/);
    expect(() => parseEnv({ PLENARY_BATCH_MS: '2.5' })).toThrow(/PLENARY_BATCH_MS must be a whole number/);
    expect(() => parseEnv({ PLENARY_BATCH_MS: '-1' })).toThrow(/PLENARY_BATCH_MS/);
    expect(() => parseEnv({ PLENARY_BATCH_MS: '500' })).toThrow(/PLENARY_BATCH_MS must be at most 50/);
  });

  it('stops the real server with that message and a non-zero exit', async () => {
    await expect(spawnServer(tempDataDir(), { PORT: 'eighty' })).rejects.toThrow(/exited with 1[\s\S]*PORT/);
  });
});

describe('DATABASE_URL', () => {
  it('[SO6] takes a postgres:// or postgresql:// URL; unset or empty is SQLite', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://plenary:pw@db.example.org:5432/plenary' }).DATABASE_URL).toMatch(/^postgres:/);
    expect(parseEnv({ DATABASE_URL: 'postgresql://localhost/plenary' }).DATABASE_URL).toMatch(/^postgresql:/);
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('[SO6] refuses another kind of URL, naming the variable and never echoing it (it may hold a password)', () => {
    for (const bad of ['mysql://plenary:Sesame-77@db/plenary', 'db.example.org/plenary', 'postgres//x:Sesame-77@db']) {
      let message = '';
      try {
        parseEnv({ DATABASE_URL: bad });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/DATABASE_URL must be a PostgreSQL URL such as postgres:\/\//);
      expect(message).not.toContain('Sesame');
    }
  });

  it('[SO9] with DATABASE_URL the session secret must come from SESSION_SECRET, the same on every node: one line otherwise', () => {
    const env = parseEnv({ DATABASE_URL: 'postgres://localhost/plenary', DATA_DIR: tempDataDir() });
    expect(() => loadSessionSecret(env)).toThrow(StartupError);
    expect(() => loadSessionSecret(env)).toThrow(/^Plenary cannot start: with DATABASE_URL set, SESSION_SECRET must be set too/);
    // Nothing was written into the data folder: no node keeps a secret of its own.
    expect(fs.readdirSync(env.DATA_DIR)).toEqual([]);
    expect(loadSessionSecret({ ...env, SESSION_SECRET: 'x'.repeat(40) })).toBe('x'.repeat(40));
  });
});
