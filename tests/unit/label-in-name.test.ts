/**
 * Label in name, in every language ([L45], WCAG 2.5.3): a button that shows short words ("Start
 * now") and tells a screen reader more ("Start now: “Contract vote”", its `aria-label`) must say
 * the shown words inside the longer name, or a person using voice control who says what they see
 * cannot press it (axe: label-content-name-mismatch, which does not read every script). The pairs
 * are read from the components, so a new one is checked too; `npm run i18n:check` lists the same.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_LOCALES, loadLanguages } from '../../app/i18n/locale-files.server.js';
import { componentLabelPairs, labelMismatches, labelPairs } from '../../scripts/label-in-name.js';

describe('[L45] the words a button shows are part of its accessible name, in every language', () => {
  const pairs = componentLabelPairs(path.resolve(import.meta.dirname, '../../app'));

  it('the components’ pairs are found (agenda rows, the stack-keeper, the apply buttons)', () => {
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['agenda.startItem', 'agenda.startItemNamed'],
        ['agenda.duplicate', 'agenda.duplicateNamed'],
        ['agenda.reopen', 'agenda.reopenNamed'],
        ['stack.remove', 'stack.removeNamed'],
        ['choice.set', 'choice.setMethod'],
        ['choice.move', 'choice.moveTable'],
      ]),
    );
    expect(labelPairs(`<Button aria-label={t('x.goNamed', { title: item.title })}>\n  {t('x.go')}\n</Button>`)).toEqual([['x.go', 'x.goNamed']]);
    expect(labelMismatches({ x: { go: 'Start now', goNamed: 'Start “{{title}}” now' } }, [['x.go', 'x.goNamed']])).toEqual([
      'x.goNamed: “Start “{{title}}” now” lacks x.go “Start now”',
    ]);
    expect(labelMismatches({ x: { go: 'START now', goNamed: 'Start now: “{{title}}”' } }, [['x.go', 'x.goNamed']])).toEqual([]);
  });

  it('each catalogue says the shown words inside the longer name', () => {
    const mismatches = loadLanguages(BUILT_IN_LOCALES).flatMap(({ code, catalogue }) => labelMismatches(catalogue, pairs).map((m) => `${code} ${m}`));
    expect(mismatches).toEqual([]);
  });
});
