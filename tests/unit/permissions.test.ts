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
  for (const [grant, name, expected] of cases) {
    it(`${grant.role}${grant.scope ? `(${grant.scope})` : ''} of ${grant.assemblyId} → ${name}: ${expected}`, () => {
      expect(accessTo(grant, doc(name))).toBe(expected);
    });
  }
});

describe('[D1] document names', () => {
  it('parses the three shapes and nothing else', () => {
    expect(parseDocName('a1/plenary')).toMatchObject({ kind: 'plenary', assemblyId: 'a1' });
    expect(parseDocName('a1/notes/i-1')).toMatchObject({ kind: 'notes', itemId: 'i-1' });
    expect(parseDocName('a1/breakout/g_2')).toMatchObject({ kind: 'breakout', groupId: 'g_2' });
    for (const bad of ['', 'a1', 'a1/', 'a1/plenary/x', '../a1/plenary', 'a1/notes', 'a1/notes/', 'a 1/plenary', 'a1/breakout/g/2', 'a1/Plenary']) {
      expect(parseDocName(bad), bad).toBeNull();
    }
  });
});
