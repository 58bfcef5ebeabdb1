/**
 * Every catalogue in ./locales, on the server only: adding a language is adding one file
 * (e.g. locales/so.json) with the same keys as en.json. A page is sent only its own language's
 * catalogue, in the root loader's data, so a phone never downloads the others (ADR 007).
 */
import { FALLBACK_LANGUAGE, type Catalogue } from './i18n';

const files = import.meta.glob<Catalogue>('./locales/*.json', { eager: true, import: 'default' });

export const CATALOGUES: Record<string, Catalogue> = Object.fromEntries(
  Object.entries(files).map(([file, catalogue]) => [file.replace(/^.*\/(.+)\.json$/, '$1'), catalogue]),
);

export const SUPPORTED_LANGUAGES = Object.keys(CATALOGUES).sort((a, b) =>
  a === FALLBACK_LANGUAGE ? -1 : b === FALLBACK_LANGUAGE ? 1 : a.localeCompare(b),
);
