import * as Y from 'yjs';

const FAN_IN = 16;

/**
 * Merges many updates into one. Y.mergeUpdates slows down quadratically with the number of
 * inputs (10,000 keystrokes take seconds), so merge in small groups, level by level.
 */
export function mergeMany(updates: Uint8Array[]): Uint8Array {
  let level = updates;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += FAN_IN) {
      const group = level.slice(i, i + FAN_IN);
      next.push(group.length === 1 ? group[0] : Y.mergeUpdates(group));
    }
    level = next;
  }
  return level[0];
}
