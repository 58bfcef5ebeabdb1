/**
 * A real HAProxy for multi-node tests, running the shipped deploy/haproxy.cfg with its listening
 * port and its nodes' addresses replaced: what users copy is what the tests run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './redis.js';

const HAPROXY = process.env.HAPROXY ?? '/usr/sbin/haproxy';
const SHIPPED = path.join(import.meta.dirname, '..', '..', 'deploy', 'haproxy.cfg');

export interface TestBalancer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The shipped config, listening on `port`, balancing over `nodes` (ports on 127.0.0.1). */
export function balancerConfig(port: number, nodes: number[]): string {
  const shipped = fs.readFileSync(SHIPPED, 'utf8');
  const servers = nodes.map((p, i) => `    server node${i + 1} 127.0.0.1:${p} check`).join('\n');
  const withBind = shipped.replace(/^\s*bind 127\.0\.0\.1:8080$/m, `    bind 127.0.0.1:${port}`);
  const withServers = withBind.replace(/(^\s*server node\d+ 127\.0\.0\.1:\d+ check\n?)+/m, `${servers}\n`);
  if (!/^\s*bind 127\.0\.0\.1:8080$/m.test(shipped) || !/^\s*server node1 /m.test(shipped))
    throw new Error('deploy/haproxy.cfg no longer has the bind and server lines the tests replace');
  return withServers;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startBalancer(nodes: number[]): Promise<TestBalancer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-haproxy-'));
  const port = await freePort();
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, balancerConfig(port, nodes));
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (err) => reject(new Error(`haproxy (${HAPROXY}) cannot be started: ${err.message}. Install the haproxy package.`)));
    child.once('exit', (code) => reject(new Error(`haproxy exited with ${code}:\n${output}`)));
  });
  failed.catch(() => {});
  const deadline = Date.now() + 10_000;
  while (!(await Promise.race([listening(port), failed]))) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not listen on ${port} within 10 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
