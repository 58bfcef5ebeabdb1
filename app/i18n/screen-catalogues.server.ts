/**
 * The projector's second language ([L52]): a page is sent its own language's catalogue by the root
 * loader (ADR 021); the projector, whose labels are in the one or two languages a facilitator chose
 * ([L50]), is sent by its own loader the projector's words (ADR 031) in each chosen language that is not the page's.
 * Only the projector's route asks for them, so no other page (the attendee's least of all) carries them.
 */
import { CATALOGUES, LANGUAGE_META } from './catalogues.server';
import { pageCatalogue } from './page-catalogues.server';
import type { Catalogue } from './i18n';

/** One language's strings for the projector, with English for any key it lacks ([L5]). */
export interface ScreenCatalogue {
  code: string;
  dir: 'ltr' | 'rtl';
  catalogue: Catalogue;
  fallback: Catalogue;
}

/** The catalogues of `codes` the page does not already have; a code Plenary has no catalogue for is left out. */
export function screenCatalogues(codes: readonly string[], pageLanguage: string): ScreenCatalogue[] {
  return codes
    .filter((code) => code !== pageLanguage && Object.prototype.hasOwnProperty.call(CATALOGUES, code))
    .map((code) => ({ code, dir: LANGUAGE_META[code].dir, ...pageCatalogue(code, 'screen') }));
}
