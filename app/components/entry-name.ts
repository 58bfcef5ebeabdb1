import type { TFunction } from '~/i18n/i18n';
import type { StackEntry } from '~/model/stack';

/** How an entry is named on screen: a table's report-back by its table, anyone else by name. */
export function entryName(t: TFunction, entry: StackEntry): string {
  return entry.kind === 'report' ? t('breakout.table', { number: entry.name }) : entry.name;
}
