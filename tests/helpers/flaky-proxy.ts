/**
 * Hall wifi between a browser and the server: a TCP proxy on loopback whose link can be made to
 * fail the ways a crowded network fails.
 *
 * - `pass`: bytes flow both ways.
 * - `reset`: every open connection is reset, and every new one is reset as it arrives (the access
 *   point dropped us; the phone knows at once).
 * - `stall`: connections stay open but nothing flows either way (TCP up, nothing arrives: the
 *   phone cannot tell).
 * - `lose-replies`: what the browser sends reaches the server, but the connection is reset as
 *   soon as the answer starts (the command was done; the phone never hears so).
 *
 * Going back to `pass` drops the connections the failure left behind (their bytes were lost),
 * as a phone's radio coming back does.
 */
import net from 'node:net';

export type LinkMode = 'pass' | 'reset' | 'stall' | 'lose-replies';

export interface FlakyProxy {
  url: string;
  readonly mode: LinkMode;
  setMode(mode: LinkMode): void;
  /** Connections accepted so far (to see that a phone tried again). */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  const { hostname, port } = new URL(target);
  let mode: LinkMode = 'pass';
  let accepted = 0;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();

  const server = net.createServer((client) => {
    accepted++;
    if (mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(Number(port), hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      if (!client.destroyed) client.resetAndDestroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (mode === 'pass' || mode === 'lose-replies') upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (mode === 'pass') client.write(chunk);
      else if (mode === 'lose-replies') drop();
    });
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;

  const dropAll = () => {
    for (const { client, upstream } of pairs) {
      if (!client.destroyed) client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  };

  return {
    url: `http://127.0.0.1:${address.port}`,
    get mode() {
      return mode;
    },
    get accepted() {
      return accepted;
    },
    setMode(next) {
      const was = mode;
      mode = next;
      if (next === 'reset' || (next === 'pass' && was !== 'pass')) dropAll();
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
