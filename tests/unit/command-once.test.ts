import { expect, it } from 'vitest';
import { CommandOnce } from '../../server/http/command-once.js';

const finalUnless5xx = (a: { status: number }) => a.status < 500 && a.status !== 429;

it('[N1] a command id runs once; sends while it runs and after it get its answer', async () => {
  const once = new CommandOnce(finalUnless5xx);
  let runs = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const command = async () => {
    runs++;
    await gate;
    return { status: 200 };
  };
  const first = once.run('a', command);
  const during = once.run('a', command);
  release();
  expect(await first).toEqual({ status: 200 });
  expect(await during).toBe(await first);
  expect(await once.run('a', command)).toEqual({ status: 200 });
  expect(runs).toBe(1);
  await once.run('b', command);
  expect(runs).toBe(2);
});

it('[N1] "try again" answers and thrown errors are not kept: the retry runs for real', async () => {
  const once = new CommandOnce(finalUnless5xx);
  const answers = [{ status: 503 }, { status: 429 }, { status: 200 }];
  let runs = 0;
  const command = async () => answers[runs++];
  expect((await once.run('a', command)).status).toBe(503);
  expect((await once.run('a', command)).status).toBe(429);
  expect((await once.run('a', command)).status).toBe(200);
  expect((await once.run('a', command)).status).toBe(200);
  expect(runs).toBe(3);
  const failing = once.run('boom', async () => {
    throw new Error('store down');
  });
  await expect(failing).rejects.toThrow('store down');
  await Promise.resolve();
  expect((await once.run('boom', async () => ({ status: 200 }))).status).toBe(200);
});

it('[N1] answers expire, and the memory is bounded however many ids a script sends', async () => {
  let now = 0;
  const once = new CommandOnce(finalUnless5xx, 1000, 100, () => now);
  let runs = 0;
  const command = async () => ({ status: 200, n: ++runs });
  await once.run('a', command);
  now = 999;
  await once.run('a', command);
  expect(runs).toBe(1);
  now = 1000;
  await once.run('a', command);
  expect(runs).toBe(2);
  for (let i = 0; i < 1000; i++) await once.run(`flood-${i}`, command);
  expect((once as unknown as { answers: Map<string, unknown> }).answers.size).toBeLessThanOrEqual(100);
});

it('[N1][X4] deleting an assembly forgets its answers (they carry what was typed), and only its own', async () => {
  const once = new CommandOnce(finalUnless5xx);
  let runs = 0;
  const command = async () => ({ status: 200, n: ++runs });
  await once.run('asm1:s:a', command);
  await once.run('asm2:s:a', command);
  once.forgetAll('asm1:');
  await once.run('asm1:s:a', command);
  await once.run('asm2:s:a', command);
  expect(runs).toBe(3);
});
