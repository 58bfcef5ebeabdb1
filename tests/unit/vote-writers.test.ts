import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER_ONLY = ['openVote', 'countCast', 'closeVote', 'voidVote'];

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

it("[V9] no browser code writes a proposal's vote: the functions that do are imported by the server only", () => {
  const browser = [...files(path.join(ROOT, 'app/components')), ...files(path.join(ROOT, 'app/routes')), ...files(path.join(ROOT, 'app/collab'))];
  expect(browser.length).toBeGreaterThan(10);
  const offenders: string[] = [];
  for (const file of browser) {
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"][^'"]*model\/proposals['"]/g)) {
      const names = m[1].split(',').map((n) => n.trim().split(/\s+as\s+/)[0]);
      for (const name of names) if (SERVER_ONLY.includes(name)) offenders.push(`${path.relative(ROOT, file)}: ${name}`);
    }
  }
  expect(offenders).toEqual([]);
});
