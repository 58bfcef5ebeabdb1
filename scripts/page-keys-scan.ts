/**
 * Which catalogue keys each page can show (ADR 031), read from the source: every string literal
 * that starts with a catalogue namespace ("stack.raise", `stack.kinds.${kind}`), in the page's
 * route module, the routes it posts to, and everything they import inside app/, transitively.
 * A plain literal selects that key (with its plural forms and anything under it); a template
 * literal selects everything that starts with its text before the first `${`. It over-counts
 * (a server-only import's keys count too) and never misses a key written as a literal, which is
 * how app/ writes every key: a key is built from a literal namespace, never from a variable one.
 *
 *   npm run i18n:pages     rewrites app/i18n/page-keys.json from the source
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PageKind } from '../app/i18n/page-kinds.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const APP = path.join(ROOT, 'app');
export const PAGE_KEYS_FILE = path.join(APP, 'i18n/page-keys.json');

/**
 * Each kind of page and the route modules whose words it can show: its own, and the resource
 * routes its forms and fetchers post to (their answers are shown on the page). A page it links
 * to is another kind: the root loader sends that page its own words ([PF21]).
 */
export const KIND_ROUTES: Record<Exclude<PageKind, 'other'>, string[]> = {
  create: ['_index.tsx'],
  attendee: ['a.$id._index.tsx', 'a.$id.command.tsx'],
  breakout: ['a.$id.breakout.$groupId.tsx', 'a.$id.saved.tsx'],
  code: ['a.$id.code.tsx', 'a.$id.command.tsx'],
  codes: ['a.$id.codes.tsx'],
  console: ['a.$id.facilitate.tsx', 'a.$id.roll.tsx'],
  interpret: ['a.$id.interpret._index.tsx'],
  interpretMinutes: ['a.$id.interpret_.minutes.tsx'],
  minutes: ['a.$id.minutes.tsx'],
  minutesEdit: ['a.$id.minutes_.edit.tsx', 'a.$id.minutes_.draft.tsx'],
  notes: ['a.$id.notes.tsx'],
  screen: ['a.$id.screen.tsx'],
  stack: ['a.$id.stack.tsx'],
  join: ['j.tsx', 'j_.$code.tsx'],
  deadLink: ['join.$token.tsx'],
};

/** What every page shows whatever it is: the root (layout, switcher, error boundary) and server errors. */
const BASE = ['root.tsx'];
const ALWAYS = ['errors.'];

/** The namespaces (top-level keys) of the English catalogue. */
export function namespaces(): string[] {
  const en = JSON.parse(fs.readFileSync(path.join(APP, 'i18n/locales/en.json'), 'utf8')) as Record<string, unknown>;
  return Object.keys(en).filter((k) => k !== '_meta');
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('~/')) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null;
  base = base.replace(/\.js$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The files a module reaches through its imports inside app/ (itself included). */
export function moduleGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [path.resolve(APP, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !file.startsWith(APP)) continue;
    seen.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, m[1] ?? m[2] ?? m[3]);
      if (target && /\.tsx?$/.test(target)) queue.push(target);
    }
  }
  return seen;
}

/**
 * The selectors of the keys the modules reach: "a.b" (that key, its plural forms, what is under
 * it) and "a.b.*" for a template literal's fixed start "a.b." (every key starting so).
 */
export function selectorsFor(entries: string[], known = namespaces()): string[] {
  const ns = known.join('|');
  const plain = new RegExp(`(['"])((?:${ns})\\.[A-Za-z0-9_.-]*[A-Za-z0-9_])\\1`, 'g');
  const template = new RegExp(`\`((?:${ns})\\.[^\`$]*)(\\$\\{)?`, 'g');
  const found = new Set<string>(ALWAYS.map((p) => `${p}*`));
  const files = new Set(entries.flatMap((e) => [...moduleGraph(e)]));
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(plain)) found.add(m[2]);
    for (const m of source.matchAll(template)) found.add(m[2] ? `${m[1]}*` : m[1].replace(/\.$/, ''));
  }
  // A comment's placeholder ("modelErrors.<reason>") is no key; a key under a prefix already taken adds nothing.
  const valid = [...found].filter((s) => /^[A-Za-z0-9_.-]+\*?$/.test(s));
  const prefixes = valid.filter((s) => s.endsWith('*')).map((s) => s.slice(0, -1));
  return valid.filter((s) => !prefixes.some((p) => s !== `${p}*` && s.startsWith(p))).sort();
}

/** Every kind's selectors, the base's under "base", as page-keys.json holds them. */
export function scanPageKeys(): Record<string, string[]> {
  const base = selectorsFor(BASE);
  const out: Record<string, string[]> = { base };
  for (const [kind, routes] of Object.entries(KIND_ROUTES)) {
    const own = selectorsFor(routes.map((r) => `routes/${r}`));
    out[kind] = own.filter((s) => !base.includes(s));
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(PAGE_KEYS_FILE, `${JSON.stringify(scanPageKeys(), null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, PAGE_KEYS_FILE)}`);
}
