/** [BR5] What the notes page says about where the edits are (issue 12, defect 8). */
import { describe, expect, it } from 'vitest';
import { savedState } from '../../app/collab/use-saved.js';

describe('[BR5] saved state', () => {
  it('[BR5] typing while live: the edit the server has not confirmed yet is "saving", never "saved on this phone only"', () => {
    // Confirmed up to edit 4; edit 5 was just typed and is already in IndexedDB.
    expect(savedState(4, 5, 'connected', 'kept')).toBe('saving');
    expect(savedState(4, 5, 'connected', 'writing')).toBe('saving');
    expect(savedState(5, 5, 'connected', 'kept')).toBe('server');
    expect(savedState(null, 5, 'connected', 'kept')).toBe('checking');
  });

  it('[BR5] with the connection down, kept on the phone is said as such', () => {
    expect(savedState(4, 5, 'offline', 'kept')).toBe('phone');
    expect(savedState(4, 5, 'reconnecting', 'writing')).toBe('saving');
    expect(savedState(4, 5, 'offline', 'none')).toBe('unsaved');
  });
});
