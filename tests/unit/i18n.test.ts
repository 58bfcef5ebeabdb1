import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../../app/i18n/locales');
const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));

it('every catalogue has exactly the English keys, none empty', () => {
  const english = keys(load('en.json')).sort();
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  expect(files).toContain('es.json');
  for (const file of files) {
    const catalogue = load(file);
    expect(keys(catalogue).sort(), file).toEqual(english);
    for (const key of english) {
      const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalogue);
      expect(typeof value === 'string' && value.trim().length > 0, `${file}: ${key}`).toBe(true);
    }
  }
});
