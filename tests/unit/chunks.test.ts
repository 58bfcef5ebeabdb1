/**
 * How the client build is split for a hall of phones ([PF6], ADR 030). Reads the build that
 * `npm test` makes first.
 */
import { expect, it } from 'vitest';
import { routeJavaScript } from '../../scripts/bundle-size.js';

it('[PF6] a phone opening the attendee page fetches a handful of scripts, not two dozen', () => {
  const { files } = routeJavaScript('routes/a.$id._index');
  // Entry, framework, root, route, the attendee's own modules, what it shares with the create
  // page, and the socket client it loads on demand.
  expect(files.length).toBeLessThanOrEqual(8);
  expect(files.some((f) => f.startsWith('phone-'))).toBe(true);
});

it('[PF6] the create page and the root do not load the attendee page’s chunk', () => {
  for (const route of ['routes/_index', 'root']) {
    const { files } = routeJavaScript(route);
    expect(
      files.filter((f) => f.startsWith('phone-')),
      route,
    ).toEqual([]);
  }
});
