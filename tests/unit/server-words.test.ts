/**
 * The server's and the model's own words in the person's language ([L30]–[L31]), numbers grouped
 * per locale ([L32]), and the assembly's time zone ([L33]–[L35]): pure functions and crafted updates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import en from '../../app/i18n/locales/en.json';
import es from '../../app/i18n/locales/es.json';
import { createI18n } from '../../app/i18n/i18n.js';
import { lookup, type Catalogue } from '../../app/i18n/translate.js';
import { errorText } from '../../app/i18n/error-text.js';
import { formatInstant, formatNumber, formatWallTime } from '../../app/i18n/format.js';
import { issueKey } from '../../app/i18n/issue-key.js';
import { MODEL_ERRORS, ModelError, modelErrorKey, type ModelErrorReason } from '../../app/model/model-error.js';
import { BreakoutError, planRound } from '../../app/model/breakouts.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, ProposalError, setHandCount } from '../../app/model/proposals.js';
import { setAnnouncement } from '../../app/model/run.js';
import { readMeta, setMeta } from '../../app/model/meta.js';
import { isListedTimeZone, timeZones, usableTimeZone, wallToInstant } from '../../app/model/time-zone.js';
import { assemblyFieldErrors, CreateAssemblySchema } from '../../app/utils/assembly-schema.js';
import { WriteGuard } from '../../server/sync/write-guard.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import type { Grant } from '../../server/access/permissions.js';

const catalogues = { en: en as unknown as Catalogue, es: es as unknown as Catalogue };
const spanish = createI18n('es', catalogues.es, catalogues.en).t;
const english = createI18n('en', catalogues.en).t;
const placeholders = (text: string) => new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]));

/** What a component's try/catch catches from a model call. */
function caught(fn: () => void): ModelError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ModelError) return err;
    throw err;
  }
  throw new Error('the model accepted it');
}

describe('[L30] every model refusal has a translation, with its numbers as placeholders', () => {
  const reasons = Object.keys(MODEL_ERRORS) as ModelErrorReason[];
  it.each(reasons)('[L30] %s is in en.json and es.json, naming only the numbers the model gives', (reason) => {
    const given = placeholders(MODEL_ERRORS[reason]);
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      const text = lookup(catalogue, modelErrorKey(reason));
      expect(text, `${lang}: ${modelErrorKey(reason)}`).toBeTruthy();
      for (const name of placeholders(text!)) expect(given, `${lang} ${reason} uses {{${name}}}`).toContain(name);
    }
  });

  it('[L30] the model throws no bare English Error a page could show (only ids it skips while reading)', () => {
    const dir = path.resolve(import.meta.dirname, '../../app/model');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      const bare = [...source.matchAll(/throw new Error\(([^)]*)\)/g)].map((m) => m[1]).filter((m) => m !== "'not an id'");
      expect(bare, file).toEqual([]);
    }
  });

  it('[L30] a round of 0 minutes, caught as the console catches it, reads in Spanish with its numbers', () => {
    const doc = new Y.Doc();
    const item = addItem(doc, { title: 'Breakouts', kind: 'breakout', minutes: 20 });
    const err = caught(() => planRound(doc, item, { prompts: ['What next?'], minutes: 0, assignment: 'count-off', tables: [{ label: '' }] }));
    expect(err).toBeInstanceOf(BreakoutError);
    expect((err as BreakoutError).code).toBe('invalid');
    expect(err.message).toBe('a round lasts 1 to 240 minutes'); // the log keeps the English
    expect(errorText(spanish, err)).toBe('Una ronda dura de 1 a 240 minutos.');
    expect(errorText(english, err)).toBe('A round lasts 1 to 240 minutes.');
  });

  it('[L30] an announcement too long and a proposal too long read in Spanish, numbers grouped', () => {
    const doc = new Y.Doc();
    expect(
      errorText(
        spanish,
        caught(() => setAnnouncement(doc, 'x'.repeat(281))),
      ),
    ).toBe('Un aviso puede tener como máximo 280 caracteres.');
    const item = addItem(doc, { title: 'Proposals', kind: 'proposal', minutes: 20 });
    const err = caught(() => addProposal(doc, { itemId: item, text: 'x'.repeat(2001) }, 1));
    expect(err).toBeInstanceOf(ProposalError);
    expect(errorText(spanish, err)).toBe('Una propuesta puede tener como máximo 2000 caracteres.');
    const id = addProposal(doc, { itemId: item, text: 'Strike' }, 1);
    expect(
      errorText(
        spanish,
        caught(() => setHandCount(doc, id, { for: -1, against: 0, abstain: 0 })),
      ),
    ).toBe('Un recuento es un número entero de 0 a 1.000.000.');
  });

  it("[L30] a form's zod refusal is always a key: zod's own English falls back to the field's key", () => {
    expect(issueKey({ message: 'create.errors.titleRequired' }, 'x.y')).toBe('create.errors.titleRequired');
    expect(issueKey({ message: "Invalid enum value. Expected 'en', received 'xx'" }, 'create.errors.languagesInvalid')).toBe('create.errors.languagesInvalid');
    const parsed = CreateAssemblySchema.safeParse({ title: 'A', startsAt: '', place: '', languages: ['xx'], timeZone: 'Mars/Olympus' });
    expect(parsed.success).toBe(false);
    const errors = assemblyFieldErrors(parsed.error!.issues);
    expect(errors).toEqual({ languages: 'create.errors.languagesInvalid', timeZone: 'create.errors.timeZoneInvalid' });
    for (const key of Object.values(errors)) expect(spanish(key)).not.toContain('⟦missing⟧');
  });
});

describe('[L32] numbers are grouped as the language writes them', () => {
  it('[L32] 12345 is "12,345" in English and "12.345" in Spanish, in the helper and in {{count}}', () => {
    expect(formatNumber('en', 12345)).toBe('12,345');
    expect(formatNumber('es', 12345)).toBe('12.345');
    expect(english('minutes.attendance', { count: 12345 })).toContain('12,345');
    expect(spanish('minutes.attendance', { count: 12345 })).toContain('12.345');
  });

  it('[L32] Arabic gets what Intl gives for ar (no digits of our own choosing); an odd tag gets English grouping, not a throw', () => {
    expect(formatNumber('ar', 12345)).toBe(new Intl.NumberFormat('ar').format(12345));
    expect(formatNumber('not a tag!', 12345)).toBe('12,345');
  });

  it('[L32] a number passed as a string (a code number, a version) is left as it is', () => {
    expect(english('voting.sheetNumber', { number: '12345' })).toBe('No. 12345');
  });
});

describe('[L33] the time zone is a listed IANA name', () => {
  it('[L33] the list has the IANA zones and UTC; anything else is refused by the form', () => {
    expect(timeZones()).toContain('America/Chicago');
    expect(timeZones()).toContain('UTC');
    expect(isListedTimeZone('America/Chicago')).toBe(true);
    for (const bad of ['Mars/Olympus', '', 'America/Chicago '.repeat(5), 42, null]) expect(isListedTimeZone(bad)).toBe(false);
    const parse = (timeZone: string) => CreateAssemblySchema.safeParse({ title: 'A', startsAt: '', place: '', languages: ['en'], timeZone });
    expect(parse('America/Chicago').data?.timeZone).toBe('America/Chicago');
    expect(parse('').data?.timeZone).toBeNull(); // none given: the server's
    expect(parse('<script>').success).toBe(false);
  });

  it('[L34] a reader tolerates any shape: a number, a bad name, a huge string read as none', () => {
    for (const bad of [5, 'Mars/Olympus', 'x'.repeat(10_000), { a: 1 }]) {
      const doc = new Y.Doc();
      doc.getMap('meta').set('timeZone', bad);
      expect(readMeta(doc).timeZone).toBeNull();
    }
    expect(usableTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
  });
});

describe('[L34] times in the assembly zone, labelled', () => {
  it('[L34] a start time typed as 18:00 in Chicago is 23:00 UTC in May, 00:00 UTC in December', () => {
    expect(wallToInstant('2026-05-01T18:00', 'America/Chicago')).toBe(Date.UTC(2026, 4, 1, 23, 0));
    expect(wallToInstant('2026-12-01T18:00', 'America/Chicago')).toBe(Date.UTC(2026, 11, 2, 0, 0));
    expect(wallToInstant('2026-05-01T18:00', 'UTC')).toBe(Date.UTC(2026, 4, 1, 18, 0));
    expect(wallToInstant('not a time', 'UTC')).toBeNaN();
  });

  it('[L34] across a change of clocks a wall time still names one real instant', () => {
    // 01:30 on 1 November 2026 happens twice in Chicago: the first (CDT).
    expect(wallToInstant('2026-11-01T01:30', 'America/Chicago')).toBe(Date.UTC(2026, 10, 1, 6, 30));
    // 02:30 on 8 March 2026 does not exist in Chicago: moved forward by the hour skipped.
    const at = wallToInstant('2026-03-08T02:30', 'America/Chicago');
    expect(at).toBe(Date.UTC(2026, 2, 8, 8, 30));
    expect(wallToInstant('2026-03-08T03:30', 'America/Chicago')).toBe(Date.UTC(2026, 2, 8, 8, 30));
  });

  it('[L34] the start time is written in the language with the zone name; the time of day in the zone', () => {
    expect(formatWallTime('en', '2026-05-01T18:00', 'America/Chicago')).toMatch(/^Friday, May 1, 2026 at 6:00\sPM CDT$/);
    expect(formatWallTime('es', '2026-05-01T18:00', 'America/Chicago')).toMatch(/^viernes, 1 de mayo de 2026, 18:00 GMT-5$/);
    expect(formatInstant('en', Date.UTC(2026, 4, 1, 23, 30), 'America/Chicago')).toMatch(/^6:30\sPM$/);
    expect(formatInstant('en', Date.UTC(2026, 4, 1, 23, 30), 'Europe/Madrid')).toMatch(/^1:30\sAM$/);
    expect(formatInstant('en', Number.NaN, 'UTC')).toBe('');
  });
});

describe('[L33] hostile writes to the time zone', () => {
  const grant = (role: Grant['role']): Grant => ({ id: 'l1', assemblyId: 'a1', role, scope: null, canVote: true });
  const doc = new Y.Doc();
  setMeta(doc, { title: 'May Day', startsAt: '2026-05-01T18:00', place: null, languages: ['en'] });
  const verdict = (role: Grant['role'], value: unknown) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(copy);
    copy.getMap('meta').set('timeZone', value);
    return new WriteGuard(parseDocName('a1/plenary')!, doc).check(grant(role), Y.encodeStateAsUpdate(copy, before));
  };
  it('[L33] a facilitator may set a listed zone, or none', () => {
    expect(verdict('facilitator', 'America/Chicago').ok).toBe(true);
    expect(verdict('facilitator', null).ok).toBe(true);
  });
  it.each([
    ['an unknown zone', 'Mars/Olympus'],
    ['10,000 characters', 'x'.repeat(10_000)],
    ['a number', -6],
    ['an object', { offset: -6 }],
  ])('[L33] a facilitator writing %s is refused', (_what, value) => expect(verdict('facilitator', value).ok).toBe(false));
  it('[L33] a stack-keeper may not set the zone at all', () => {
    expect(verdict('stack-keeper', 'America/Chicago').ok).toBe(false);
  });
});
