/**
 * Attack on the phone's command ids ([N1]): a script that keeps the answer cache full (fresh
 * sessions each send a few wrong voting codes, every one a new id and a kept answer) must not make
 * every later command pay for the whole cache. An HTTP test cannot send 100,000 commands in time,
 * so this drives the server's own cache with its real bound and lifetime on a fake clock.
 */
import { expect, it } from 'vitest';
import { CommandOnce } from '../../server/http/command-once.js';

const KEEP = 15 * 60_000;
const MAX = 100_000;

it('[N1] with the cache kept full by a script, answers expiring one by one, a command costs no scan of the whole cache', async () => {
  let now = 0;
  const once = new CommandOnce<{ status: number }>(
    () => true,
    KEEP,
    MAX,
    () => now,
  );
  const answer = async () => ({ status: 404 });
  // The script fills the cache over 15 minutes, at an even pace ...
  const step = KEEP / MAX;
  for (let i = 0; i < MAX; i++) {
    now = Math.floor(i * step);
    void once.run(`fill-${i}`, answer);
  }
  // ... and keeps going at that pace: from now on, about one answer expires per new one.
  const commands = 3000;
  const started = performance.now();
  for (let i = 0; i < commands; i++) {
    now = KEEP + Math.floor(i * step);
    void once.run(`more-${i}`, answer);
  }
  const elapsed = performance.now() - started;
  // A scan of 100,000 answers per command took about 4 ms each (12 s here); without it, a few ms in all.
  expect(elapsed).toBeLessThan(1500);
  // Still bounded, and a phone's own recent answer is still the one it gets again.
  expect((once as unknown as { answers: Map<string, unknown> }).answers.size).toBeLessThanOrEqual(MAX);
  let ran = false;
  await once.run(`more-${commands - 1}`, async () => {
    ran = true;
    return { status: 200 };
  });
  expect(ran).toBe(false);
}, 60_000);

it('[N1] an answer sent again after it expired is kept again, and expires in its turn', async () => {
  let now = 0;
  const once = new CommandOnce<{ status: number }>(
    () => true,
    1000,
    100,
    () => now,
  );
  let runs = 0;
  const command = async () => ({ status: 200 + runs++ });
  await once.run('a', command);
  now = 500;
  await once.run('b', command);
  now = 1200; // 'a' expired, 'b' not
  await once.run('a', command);
  expect(runs).toBe(3);
  now = 1600; // 'b' expired; the new 'a' (1200) not: the order after a resend must not hide it
  await once.run('b', command);
  await once.run('a', command);
  expect(runs).toBe(4);
});
