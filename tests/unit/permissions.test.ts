import { describe, expect, it } from 'vitest';
import { accessTo, type Grant } from '../../server/access/permissions.js';
import { parseDocName } from '../../server/sync/doc-name.js';

const g = (role: Grant['role'], scope: string | null = null, assemblyId = 'a1'): Grant => ({ id: 'x', assemblyId, role, scope, canVote: true });
const doc = (name: string) => parseDocName(name)!;

describe('[P3][P4][P5] the permission matrix', () => {
  const cases: [Grant, string, string][] = [
    [g('facilitator'), 'a1/plenary', 'write'],
    [g('stack-keeper'), 'a1/plenary', 'write'],
    [g('attendee'), 'a1/plenary', 'read'],
    [g('note-taker', 'g1'), 'a1/plenary', 'read'],
    [g('reader'), 'a1/plenary', 'none'],
    [g('facilitator'), 'a1/notes/i1', 'write'],
    [g('note-taker', 'plenary'), 'a1/notes/i1', 'write'],
    [g('note-taker', 'g1'), 'a1/notes/i1', 'none'],
    [g('stack-keeper'), 'a1/notes/i1', 'read'],
    [g('attendee'), 'a1/notes/i1', 'none'],
    [g('facilitator'), 'a1/breakout/g1', 'write'],
    [g('note-taker', 'g1'), 'a1/breakout/g1', 'write'],
    [g('note-taker', 'g2'), 'a1/breakout/g1', 'none'],
    [g('note-taker', 'plenary'), 'a1/breakout/g1', 'none'],
    [g('attendee'), 'a1/breakout/g1', 'read'],
    [g('reader'), 'a1/breakout/g1', 'none'],
    [g('facilitator', null, 'a2'), 'a1/plenary', 'none'],
    [g('note-taker', 'g1', 'a2'), 'a1/breakout/g1', 'none'],
  ];
  // [P30] interpreters: read what an attendee reads of the room (less: no breakout notes), write
  // no document over the socket; every language's translations are read by the room, written by
  // the server alone.
  const interpreting: [Grant, string, string][] = [
    [g('interpreter', 'so'), 'a1/plenary', 'read'],
    [g('interpreter', 'so'), 'a1/notes/i1', 'none'],
    [g('interpreter', 'so'), 'a1/breakout/g1', 'none'],
    [g('interpreter', 'so'), 'a1/translations/so', 'read'],
    [g('interpreter', 'so'), 'a1/translations/ar', 'read'],
    [g('interpreter', 'so', 'a2'), 'a1/translations/so', 'none'],
    [g('facilitator'), 'a1/translations/so', 'read'],
    [g('stack-keeper'), 'a1/translations/so', 'read'],
    [g('note-taker', 'g1'), 'a1/translations/so', 'read'],
    [g('attendee'), 'a1/translations/so', 'read'],
    [g('reader'), 'a1/translations/so', 'none'],
  ];
  cases.push(...interpreting);
  for (const [grant, name, expected] of cases) {
    it(`${grant.role}${grant.scope ? `(${grant.scope})` : ''} of ${grant.assemblyId} → ${name}: ${expected}`, () => {
      expect(accessTo(grant, doc(name))).toBe(expected);
    });
  }
});

describe('[D1] document names', () => {
  it('parses the four shapes and nothing else', () => {
    expect(parseDocName('a1/plenary')).toMatchObject({ kind: 'plenary', assemblyId: 'a1' });
    expect(parseDocName('a1/notes/i-1')).toMatchObject({ kind: 'notes', itemId: 'i-1' });
    expect(parseDocName('a1/breakout/g_2')).toMatchObject({ kind: 'breakout', groupId: 'g_2' });
    expect(parseDocName('a1/translations/so')).toMatchObject({ kind: 'translations', language: 'so' });
    expect(parseDocName('a1/translations/es-419')).toMatchObject({ kind: 'translations', language: 'es-419' });
    for (const bad of [
      '',
      'a1',
      'a1/',
      'a1/plenary/x',
      '../a1/plenary',
      'a1/notes',
      'a1/notes/',
      'a 1/plenary',
      'a1/breakout/g/2',
      'a1/Plenary',
      'a1/translations',
      'a1/translations/',
      'a1/translations/SO',
      'a1/translations/s',
      'a1/translations/so/x',
      'a1/translations/../plenary',
    ]) {
      expect(parseDocName(bad), bad).toBeNull();
    }
  });
});
