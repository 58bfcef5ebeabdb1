/**
 * The phone's outbox against a scripted network (fetch is the boundary): taps wait through
 * failures, go in order, keep their ids across retries, survive a reload, and a refusal is said.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { CommandQueue } from '../../app/collab/command-queue.js';

type Reply = 'down' | number;

function network(replies: Reply[]) {
  const sent: URLSearchParams[] = [];
  const send = async (_url: string, init: RequestInit) => {
    const body = init.body as URLSearchParams;
    sent.push(new URLSearchParams(body));
    const reply = replies.shift() ?? 200;
    if (reply === 'down') throw new TypeError('Failed to fetch');
    const ok = reply < 300;
    return new Response(JSON.stringify({ ok, error: ok ? undefined : 'stack.errors.duplicate', phone: ok ? { n: sent.length } : undefined }), {
      status: reply,
      headers: reply === 503 ? { 'Retry-After': '2' } : {},
    });
  };
  return { sent, send };
}

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

// Only the queue's own timers are faked; promises settle on the real event loop.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
/** Lets every pending promise (a send, its answer) run to its end. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};
afterEach(() => vi.useRealTimers());

it('[N1][N2] a tap made while the network is down waits, is retried with the same id, and is answered once', async () => {
  const net = network(['down', 'down', 200]);
  const answered: unknown[] = [];
  const q = new CommandQueue<unknown>('/a/x/command', (p) => answered.push(p), null, 'k', net.send);
  q.submit([
    ['intent', 'raise'],
    ['name', 'Hodan'],
    ['kind', 'speak'],
    ['commandId', 'from-the-page'],
  ]);
  await vi.waitFor(() => expect(q.getState().phase).toBe('waiting'));
  expect(q.getState().queued).toBe(1);
  await vi.advanceTimersByTimeAsync(1000);
  await vi.waitFor(() => expect(net.sent).toHaveLength(2));
  await vi.advanceTimersByTimeAsync(2000);
  await vi.waitFor(() => expect(q.getState()).toEqual({ phase: 'idle', queued: 0, refused: null }));
  expect(net.sent).toHaveLength(3);
  const ids = new Set(net.sent.map((b) => b.get('commandId')));
  expect(ids.size).toBe(1);
  expect([...ids][0]).not.toBe('from-the-page');
  expect(net.sent[0].get('name')).toBe('Hodan');
  expect(answered).toEqual([{ n: 3 }]);
});

it('[N1] taps go in order (a withdrawal never overtakes its hand), each with its own id; "online" sends at once', async () => {
  const net = network(['down', 200, 200]);
  const q = new CommandQueue<unknown>('/a/x/command', () => {}, null, 'k', net.send);
  q.submit([['intent', 'raise']]);
  q.submit([['intent', 'withdraw']]);
  await vi.waitFor(() => expect(q.getState().phase).toBe('waiting'));
  q.nudge(); // the browser said it is online again
  await vi.waitFor(() => expect(q.getState().phase).toBe('idle'));
  expect(net.sent.map((b) => b.get('intent'))).toEqual(['raise', 'raise', 'withdraw']);
  expect(new Set(net.sent.map((b) => b.get('commandId'))).size).toBe(2);
});

it('[N2] a 503 waits its Retry-After; a refusal for good is dropped and said, and the next tap goes on', async () => {
  const net = network([503, 409, 200]);
  const q = new CommandQueue<unknown>('/a/x/command', () => {}, null, 'k', net.send);
  q.submit([['intent', 'vote']]);
  q.submit([['intent', 'raise']]);
  await settle();
  expect(q.getState().phase).toBe('waiting');
  await vi.advanceTimersByTimeAsync(1999);
  await settle();
  expect(net.sent).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  await settle();
  expect(q.getState().phase).toBe('idle');
  expect(q.getState().queued).toBe(0);
  expect(q.getState().refused).toEqual({ intent: 'vote', error: 'stack.errors.duplicate' });
  expect(net.sent.map((b) => b.get('intent'))).toEqual(['vote', 'vote', 'raise']);
});

it('[N2] what waits survives a reload of the page (sessionStorage), with its id', async () => {
  const storage = memoryStorage();
  const down = network(['down', 'down', 'down']);
  const before = new CommandQueue<unknown>('/a/x/command', () => {}, storage, 'k', down.send);
  before.submit([
    ['intent', 'raise'],
    ['name', 'Mai'],
  ]);
  await vi.waitFor(() => expect(before.getState().phase).toBe('waiting'));
  before.stop();
  const up = network([200]);
  const after = new CommandQueue<unknown>('/a/x/command', () => {}, storage, 'k', up.send);
  expect(after.getState().queued).toBe(1);
  after.nudge();
  await vi.waitFor(() => expect(after.getState().phase).toBe('idle'));
  expect(up.sent[0].get('name')).toBe('Mai');
  expect(up.sent[0].get('commandId')).toBe(down.sent[0].get('commandId'));
  expect(storage.data.size).toBe(0);
  // Junk in storage (another version, a hand-edited value) is ignored, not a crash.
  storage.setItem('k', '{"not":"a list"}');
  expect(new CommandQueue<unknown>('/a/x/command', () => {}, storage, 'k', up.send).getState().queued).toBe(0);
});

it('[N2] an answer that is not ours (a captive portal page) counts as not sent', async () => {
  let calls = 0;
  const send = async () => (++calls === 1 ? new Response('<html>Log in to HallWifi</html>', { status: 200 }) : new Response('{"ok":true}', { status: 200 }));
  const q = new CommandQueue<unknown>('/a/x/command', () => {}, null, 'k', send);
  q.submit([['intent', 'raise']]);
  await vi.waitFor(() => expect(q.getState().phase).toBe('waiting'));
  await vi.advanceTimersByTimeAsync(1000);
  await vi.waitFor(() => expect(q.getState().phase).toBe('idle'));
  expect(calls).toBe(2);
});
