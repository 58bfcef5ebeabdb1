/**
 * How a Remix response body is written ([PF7]): the compressor is flushed when the body pauses,
 * not after every piece React writes, and the pieces that arrive together are written as one.
 */
import { expect, it } from 'vitest';
import { HELD_MAX, pipeBody, type FlushableWritable } from '../../server/http/remix-handler.js';

function recorder() {
  const events: string[] = [];
  const out: FlushableWritable = {
    write: (chunk) => events.push(`write ${new TextDecoder().decode(chunk)}`),
    end: () => events.push('end'),
    destroy: () => events.push('destroy'),
    flush: () => events.push('flush'),
  };
  return { events, out };
}

const bytes = (s: string) => new TextEncoder().encode(s);

it('[PF7] pieces written together go out as one write, without a flush', async () => {
  const { events, out } = recorder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < 50; i++) controller.enqueue(bytes(String(i)));
      controller.close();
    },
  });
  await pipeBody(body, out);
  expect(events.filter((e) => e === 'flush')).toEqual([]);
  // One round trip through the compressor, not fifty.
  expect(events.filter((e) => e.startsWith('write'))).toEqual([`write ${Array.from({ length: 50 }, (_, i) => i).join('')}`]);
  expect(events.at(-1)).toBe('end');
});

it('[PF7] what was written before the body waits (a part still rendering) is flushed before the wait', async () => {
  const { events, out } = recorder();
  let release!: () => void;
  const later = new Promise<void>((resolve) => (release = resolve));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(bytes('shell'));
      await later;
      controller.enqueue(bytes('rest'));
      controller.close();
    },
  });
  const done = pipeBody(body, out);
  // The stream is waiting: the shell must already be on its way.
  while (!events.includes('flush')) await new Promise((resolve) => setImmediate(resolve));
  expect(events).toEqual(['write shell', 'flush']);
  release();
  await done;
  expect(events).toEqual(['write shell', 'flush', 'write rest', 'end']);
});

it('[PF7] a body that fails is destroyed, not ended', async () => {
  const { events, out } = recorder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes('a'));
      controller.error(new Error('render failed'));
    },
  });
  await expect(pipeBody(body, out)).rejects.toThrow('render failed');
  expect(events).toContain('destroy');
  expect(events).not.toContain('end');
});

it('[PF7] a body that never pauses is not held whole: it goes on in writes of about 64 KB', async () => {
  const { events, out } = recorder();
  const piece = bytes('x'.repeat(2048));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < 100; i++) controller.enqueue(piece); // 200 KB in one go
      controller.close();
    },
  });
  await pipeBody(body, out);
  const writes = events.filter((e) => e.startsWith('write')).map((e) => e.length - 'write '.length);
  expect(writes.reduce((a, b) => a + b, 0)).toBe(100 * 2048);
  expect(writes.length).toBeGreaterThanOrEqual(3);
  expect(Math.max(...writes)).toBeLessThanOrEqual(HELD_MAX);
  expect(events.filter((e) => e === 'flush')).toEqual([]);
});
