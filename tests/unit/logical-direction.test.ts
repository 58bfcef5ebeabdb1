/**
 * Right to left mirrors only if nothing in app/ says "left" or "right" (SPEC [L14]): Tailwind's
 * logical utilities (ms-, pe-, start-, text-end, border-s, rounded-e...) and CSS's logical
 * properties (margin-inline-start, inset-inline-end...) follow the page's `dir`; physical ones
 * stay put and break the Arabic page. This scans every .tsx, .ts and .css file in app/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = path.resolve(import.meta.dirname, '../../app');

/**
 * Genuine physical needs, as `file: token`, each with its reason. None today: the stack-keeper's
 * arrow keys read the computed direction instead of a class, and `inset-x-0` is symmetric.
 */
const ALLOWED: Record<string, string> = {};

/** A Tailwind utility that names a physical side, with any variants (`lg:`, `first:`), `!` and `-`. */
const CLASS =
  /(?<![\w-])(?:[\w[\]&_>.()@/=-]*:)*!?-?(?:(?:border-[lr]|rounded-(?:[tb][lr]|[lr])|scroll-[mp][lr])(?:-[\w./[\]%]+)?|text-(?:left|right)|float-(?:left|right)|clear-(?:left|right)|(?:m[lr]|p[lr]|left|right)-[\w./[\]%]+)(?![\w-])/g;
/** A Tailwind arbitrary property (`[margin-left:3px]`) that names a physical side. */
const ARBITRARY =
  /\[(?:(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)[\w-]*|left|right):[^\]\s]+\]|\[(?:text-align|float|clear):(?:left|right)\]/g;
/** A style object's physical property (React's camelCase), or text-align by side. */
const STYLE = /\b(?:margin|padding|border)(?:Left|Right)\b|\btextAlign:\s*['"](?:left|right)|\bfloat:\s*['"](?:left|right)/g;
/** A CSS declaration that names a physical side. */
const CSS_DECL =
  /(?:^|[;{\s])(?:(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)(?:-[a-z]+)?|border-(?:top|bottom)-(?:left|right)-radius|left|right)\s*:|\b(?:text-align|float|clear)\s*:\s*(?:left|right)\b/g;

/** Every physical token in a file's text, as `line: token`; comments (prose) are skipped. */
export function physicalTokens(text: string, kind: 'css' | 'ts'): string[] {
  const found: string[] = [];
  const body = kind === 'css' ? text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')) : text;
  body.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (kind === 'ts' && (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*'))) return;
    const patterns = kind === 'css' ? [CSS_DECL] : [CLASS, ARBITRARY, STYLE];
    for (const pattern of patterns) for (const m of line.matchAll(pattern)) found.push(`${i + 1}: ${m[0].trim().replace(/^[;{]/, '').trim()}`);
  });
  return found;
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'locales' ? [] : files(full);
    return /\.(tsx?|css)$/.test(e.name) ? [full] : [];
  });
}

describe('[L14] no physical left/right in app/', () => {
  it('every margin, padding, position, border, corner and alignment is logical', () => {
    const offenders: string[] = [];
    const seen = new Set<string>();
    for (const file of files(APP)) {
      const rel = path.relative(APP, file);
      for (const hit of physicalTokens(fs.readFileSync(file, 'utf8'), file.endsWith('.css') ? 'css' : 'ts')) {
        const token = hit.replace(/^\d+: /, '');
        if (ALLOWED[`${rel}: ${token}`]) seen.add(`${rel}: ${token}`);
        else offenders.push(`app/${rel}:${hit}`);
      }
    }
    expect(offenders, 'use ms-/me-, ps-/pe-, start-/end-, text-start/end, border-s/e, rounded-s/e, or margin-inline-start…').toEqual([]);
    // The allowlist cannot rot: an entry whose token is gone is removed.
    expect([...seen].sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('the scan finds what it must, and leaves prose and logical utilities alone', () => {
    const ts = [
      'className="ml-2 pr-[3px] lg:text-right first:border-l-0 border-r rounded-tl-lg -left-1 focus:right-2 float-left"',
      'className="[margin-left:3px] sm:[text-align:right] [inset-inline-start:0]"',
      'style={{ marginLeft: 4, textAlign: "right" }}',
      '// the left column, the right answer',
      'className="ms-2 pe-3 text-end border-s-4 rounded-ss start-0 inset-x-0 left"',
      'const left: number = 1; const step = { ArrowLeft: -1 };',
    ].join('\n');
    expect(physicalTokens(ts, 'ts').map((h) => h.replace(/^\d+: /, ''))).toEqual([
      'ml-2',
      'pr-[3px]',
      'lg:text-right',
      'first:border-l-0',
      'border-r',
      'rounded-tl-lg',
      '-left-1',
      'focus:right-2',
      'float-left',
      '[margin-left:3px]',
      '[text-align:right]',
      'marginLeft',
      'textAlign: "right',
    ]);
    const css =
      '.a { padding-left: 1rem; border-right: 0; left: 0 }\n/* left: 0 */\n.b { margin-inline-start: 0; inset-inline-end: 0; text-align: right; border-top-left-radius: 0 }';
    expect(physicalTokens(css, 'css').map((h) => h.replace(/^\d+: /, ''))).toEqual([
      'padding-left:',
      'border-right:',
      'left:',
      'text-align: right',
      'border-top-left-radius:',
    ]);
  });
});

/**
 * The stylesheet the browser gets, from the build (`npm test` builds first): whatever made it
 * (a class the scan above cannot see, a sample in tests or docs picked up by Tailwind's source
 * detection), no rule names one side only. A rule setting left and right alike (`inset-0`) is
 * symmetric and mirrors by itself.
 */
describe('[L14][L44] the built stylesheet names no physical side', () => {
  it('every rule of build/client/assets/*.css is logical or symmetric', () => {
    const assets = path.resolve(import.meta.dirname, '../../build/client/assets');
    const sheets = fs.readdirSync(assets).filter((f) => f.endsWith('.css'));
    expect(sheets.length, 'no client build: run "npm run build" first').toBeGreaterThan(0);
    const offenders = sheets.flatMap((sheet) => physicalRules(fs.readFileSync(path.join(assets, sheet), 'utf8')).map((r) => `${sheet}: ${r}`));
    expect(offenders, 'a physical side in the CSS: a class in app/ the scan missed, or Tailwind reading samples outside app/').toEqual([]);
  });

  it('finds one-sided rules and leaves symmetric ones', () => {
    const css =
      '.inset-0{top:0;right:0;bottom:0;left:0}.ms-2{margin-inline-start:.5rem}.ml-2{margin-left:.5rem}.x{left:0;right:1px}@media (min-width:40rem){.sm\\:text-right{text-align:right}}';
    expect(physicalRules(css)).toEqual(['.ml-2{margin-left:.5rem}', '.x{left:0;right:1px}', '.sm\\:text-right{text-align:right}']);
  });
});

/** Rules (selector and declarations) that set a physical side, except left and right set alike. */
function physicalRules(css: string): string[] {
  const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1].trim(), body: m[2] }));
  return rules
    .filter(({ body }) => physicalTokens(`{${body}`, 'css').length > 0)
    .filter(({ body }) => {
      const declared = new Map(body.split(';').map((d) => d.split(':').map((x) => x.trim()) as [string, string]));
      const sides = [...declared.keys()].filter((k) => /(?:^|-)(?:left|right)(?:-|$)/.test(k));
      const symmetric = sides.every((k) => declared.get(k.replace('left', 'right')) === declared.get(k.replace('right', 'left')));
      return !symmetric || sides.length === 0;
    })
    .map(({ selector, body }) => `${selector}{${body}}`);
}
