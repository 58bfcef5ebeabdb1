import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../server/env.js';
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

  it('stops the real server with that message and a non-zero exit', async () => {
    await expect(spawnServer(tempDataDir(), { PORT: 'eighty' })).rejects.toThrow(/exited with 1[\s\S]*PORT/);
  });
});
