import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { routeJavaScript } from '../../scripts/bundle-size.js';
import { BUILT_IN_LOCALES, loadLanguages } from '../../app/i18n/locale-files.server.js';
import { keysOf, lookup } from '../../app/i18n/translate.js';

// Reads the client build that `npm test` makes first.
it('[L7][BR7][H5] the attendee page downloads under 150 KiB of gzipped JavaScript, with no QR code or editor code', () => {
  const { files, gzipBytes } = routeJavaScript('routes/a.$id._index');
  console.info(`attendee route: ${(gzipBytes / 1024).toFixed(1)} KiB gzipped in ${files.length} files`);
  expect(gzipBytes).toBeLessThan(150 * 1024);
  const code = files.map((f) => fs.readFileSync(path.resolve('build/client/assets', f), 'utf8')).join('\n');
  // Fingerprints of the qrcode package and of rich-text editors.
  for (const marker of ['toSJIS', 'QR Code', 'prosemirror', 'tiptap']) expect(code, marker).not.toContain(marker);
  expect(code).toContain('/sync'); // the live connection is part of it
  // [L7] No i18next or react-i18next: the in-house translator replaced them (ADR 021).
  for (const marker of ['returnObjects', 'pass in an i18next instance']) expect(code, marker).not.toContain(marker);
});

it('[L3][L7] no client JavaScript carries a catalogue: each page gets its one language in its data', () => {
  const assets = path.resolve('build/client/assets');
  const code = fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(assets, f), 'utf8'))
    .join('\n');
  for (const { code: language, catalogue } of loadLanguages(BUILT_IN_LOCALES)) {
    // Its longer sentences (short words such as "Save" may be in code for other reasons).
    const sentences = keysOf(catalogue)
      .map((k) => lookup(catalogue, k)!)
      .filter((v) => v.length > 40 && !v.includes('{{'));
    expect(sentences.length, language).toBeGreaterThan(20);
    const found = sentences.filter((v) => code.includes(v) || code.includes(JSON.stringify(v).slice(1, -1)));
    expect(found, `${language} strings in the client build`).toEqual([]);
  }
});
