import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hasVisibleText } from '../../app/model/visible-text.js';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { raiseHand, readEntries, StackError } from '../../app/model/stack.js';
import { CreateAssemblySchema } from '../../app/utils/assembly-schema.js';
import { parseDraft } from '../../app/components/item-form.js';
import { sameSitePath } from '../../app/utils/safe-redirect.js';
import { createLogger, redact } from '../../server/logger.js';
import { routeConsoleToLogger } from '../../server/console-to-logger.js';
import { isStorageUnavailable } from '../../server/storage/unavailable.js';
import { BODY_LIMITS, bodyLimitFor } from '../../server/http/body-limit.js';

const INVISIBLE = ['', ' ', '\u200B', '\uFEFF', '\u2060', '\u200D\u200C', '\u00A0\u200B\u3000', '\u00AD', '\u202E', '\u3164', '\t\n'];
const VISIBLE = ['a', 'é', 'ñandú', '😀', '\u200Ba', 'العربية', 'Hmoob', '👩‍👩‍👧', '1'];

describe('[W14] one visible-text check for titles and names', () => {
  it('invisible characters alone are empty; any visible character counts', () => {
    for (const s of INVISIBLE) expect(hasVisibleText(s), JSON.stringify(s)).toBe(false);
    for (const s of VISIBLE) expect(hasVisibleText(s), JSON.stringify(s)).toBe(true);
  });

  it('the assembly form schema, the agenda item form and the model refuse invisible titles', () => {
    for (const title of INVISIBLE) {
      const parsed = CreateAssemblySchema.safeParse({ title, startsAt: '', place: '', languages: ['en'] });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]).toMatchObject({ path: ['title'], message: 'create.errors.titleRequired' });
      expect(parseDraft({ title, kind: 'discussion', minutes: '10', presenter: '', description: '', interpretation: '' })).toEqual({
        errors: { title: 'agenda.errors.title' },
      });
      const doc = new Y.Doc();
      expect(() => addItem(doc, { title, kind: 'discussion', minutes: 5 })).toThrow();
      expect(readAgenda(doc)).toEqual([]);
    }
    const place = CreateAssemblySchema.parse({ title: 'Asamblea', startsAt: '', place: '\u200B', languages: ['en'] });
    expect(place.place).toBeNull();
  });

  it('a hand with an invisible name is refused and not added', () => {
    const doc = new Y.Doc();
    addItem(doc, { title: 'Open floor', kind: 'discussion', minutes: 5 });
    for (const name of INVISIBLE) {
      expect(() => raiseHand(doc, { name, kind: 'speak' }, 1)).toThrow(StackError);
    }
    expect(readEntries(doc)).toEqual([]);
    raiseHand(doc, { name: '\u200BAna', kind: 'speak' }, 2);
    expect(readEntries(doc).map((e) => e.name)).toEqual(['\u200BAna']);
  });
});

describe('[W1] sameSitePath', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['//evil.example', '/'],
    ['/.//evil.example', '/'],
    ['/..//evil.example', '/'],
    ['/x/..//evil.example', '/'],
    ['/%2e//evil.example', '/'],
    ['/a/..//b', '/'],
    ['/a/.//b', '/a//b'],
    ['/%2F/evil.example', '/%2F/evil.example'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/a\\b', '/'],
    [`/${'a'.repeat(3000)}`, '/'],
    ['/a/b?c=d#e', '/a/b?c=d#e'],
    ['/a/ü', '/a/%C3%BC'],
  ])('%j → %j', (back, expected) => {
    const path = sameSitePath(back);
    expect(path).toBe(expected);
    expect(new URL(path, 'https://plenary.example').origin).toBe('https://plenary.example');
  });
});

describe('[W12] the logger writes one scrubbed JSON line per entry', () => {
  const token = 'k2v3Q0xHn6k9cWm1pPZcD2hXyq3Yd9mTg8vN0bC4sJe';

  it('tokens, cookies, bearer headers and addresses never reach a line, at any level', () => {
    const lines: string[] = [];
    const log = createLogger('debug', (l) => void lines.push(l));
    log.debug(`join /join/${token}%`, { cookie: `plenary_abc=AAAA.BBBB.${token}; plenary_lang=es`, nested: { auth: `Bearer ${token}`, ip: '192.168.1.20' } });
    log.error('boom', { error: new Error(`failed at ::ffff:10.0.0.7 for ${token.slice(0, 30)}%41%42`), from: 'fe80::1', host: 'localhost:3000' });
    for (const line of lines) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.trimEnd()).not.toContain('\n');
      JSON.parse(line);
      for (const secret of [token, token.slice(0, 30), 'AAAA.BBBB', '192.168.1.20', '10.0.0.7', 'fe80::1', 'localhost']) expect(line).not.toContain(secret);
    }
    expect(lines).toHaveLength(2);
  });

  it('a field cannot forge the time, level or message; a message with a newline stays one line', () => {
    const lines: string[] = [];
    createLogger('info', (l) => void lines.push(l)).info('one\n{"level":"error","msg":"forged"}', { level: 'error', msg: 'forged', t: 'then' });
    const entry = JSON.parse(lines[0]);
    expect(entry.level).toBe('info');
    expect(entry.msg).toBe('one\n{"level":"error","msg":"forged"}');
    expect(entry.t).not.toBe('then');
    expect(lines[0].split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('redact keeps what a reader needs: assembly ids, statuses, short words', () => {
    expect(redact('assembly aXtWX_C18Rcc62kC answered 503')).toBe('assembly aXtWX_C18Rcc62kC answered 503');
    expect(redact('SqliteError SQLITE_READONLY_DBMOVED ERR_STREAM_PREMATURE_CLOSE')).toBe('SqliteError SQLITE_READONLY_DBMOVED ERR_STREAM_PREMATURE_CLOSE');
    // A token fully percent-encoded in upper-case hex is still a secret.
    const encoded = [...'k2v3Q0xHn6k9'].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    expect(redact(`/join/${encoded}`)).toBe('/join/[secret]');
  });

  it('console and process warnings go through the logger while routed, and come back after', () => {
    const lines: string[] = [];
    const original = console.error;
    const restore = routeConsoleToLogger(createLogger('debug', (l) => void lines.push(l)));
    try {
      const err = Object.assign(new TypeError('Invalid URL'), { input: `{"level":"error"} ${token}` });
      console.error(err);
      console.warn('header %s', `Bearer ${token}`);
    } finally {
      restore();
    }
    expect(console.error).toBe(original);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(entry.msg).toBe('console');
      expect(line).not.toContain(token);
      expect(line).not.toContain('{\\"level\\"');
    }
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', text: 'TypeError: Invalid URL' });
  });
});

describe('[W17] storage refusing writes', () => {
  it('SQLite and file-system codes for a full, read-only or locked store are "unavailable", others are not', () => {
    for (const code of ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR_WRITE', 'SQLITE_BUSY', 'ENOSPC', 'EROFS']) {
      expect(isStorageUnavailable(Object.assign(new Error(code), { code })), code).toBe(true);
    }
    for (const err of [new Error('bug'), Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }), null, 'SQLITE_FULL']) {
      expect(isStorageUnavailable(err)).toBe(false);
    }
  });
});

describe('[W8] body limits by route', () => {
  it('the minutes editor takes 500,000 characters of 3-byte UTF-8 percent-encoded; other routes far less', () => {
    expect(bodyLimitFor('/a/abc/minutes/edit')).toBeGreaterThanOrEqual(500_000 * 9 + 1024);
    expect(bodyLimitFor('/a/abc/minutes/edit.data')).toBe(BODY_LIMITS.minutes);
    expect(bodyLimitFor('/')).toBe(BODY_LIMITS.form);
    expect(bodyLimitFor('/a/abc/minutes')).toBe(BODY_LIMITS.form);
    expect(bodyLimitFor('/api/assemblies')).toBe(BODY_LIMITS.api);
  });
});
