import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildServer {
  url: string;
  syncUrl: string;
  process: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** Everything the process has written so far, from its first byte. */
  output: { stdout: string; stderr: string };
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `server/main.ts` as its own process, as `npm start` runs it, on a free port. */
export function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  { compiled = false, uid, gid }: { compiled?: boolean; uid?: number; gid?: number } = {},
): Promise<ChildServer> {
  // PLENARY_NODE_ARGS lets a benchmark profile the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = process.env.PLENARY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // Tests run the TypeScript source; benchmarks run what `npm start` runs (build/node).
  const entry = compiled ? ['build/node/server/main.js'] : ['--import', 'tsx', 'server/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Another user (tests run as root, which file permissions do not stop).
    ...(uid === undefined ? {} : { uid, gid: gid ?? uid }),
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = { stdout: '', stderr: '' };
  child.stderr!.on('data', (d) => (output.stderr += d));
  child.stdout!.on('data', (d) => (output.stdout += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], syncUrl: `${m[1].replace('http', 'ws')}/sync`, process: child, exited, output });
    });
    // 'close' comes after the output is read to the end, so the message is whole.
    child.once('close', (code) => reject(new Error(`server exited with ${code} before listening:\n${output.stderr}`)));
  });
}
