import { useEffect, useMemo, useRef } from 'react';
import { useRevalidator, useRouteLoaderData } from '@remix-run/react';
import type * as Y from 'yjs';
import { useY } from '~/collab/use-y';
import { createI18n, type I18n } from '~/i18n/i18n';
import { useTranslation } from '~/i18n/react';
import type { ScreenCatalogue } from '~/i18n/screen-catalogues.server';
import { metaMap } from '~/model/meta';
import { readScreenLanguages } from '~/model/screen-languages';
import type { loader as rootLoader } from '~/root';

/**
 * The projector's translators, live ([L50], [L52]): the languages the facilitator chose, each from
 * the page's own catalogue or one the projector's loader sent; none chosen, the page's language.
 * When the choice changes to a language whose catalogue this page was not sent, the loader runs
 * again (once per choice) to fetch it; until it arrives the wall goes on in the languages it has.
 */
export function useScreenLanguages(doc: Y.Doc, sent: readonly ScreenCatalogue[]): I18n[] {
  const { i18n } = useTranslation();
  const codes = useY(metaMap(doc), () => readScreenLanguages(doc));
  const offered = useRouteLoaderData<typeof rootLoader>('root')?.languages;
  const translators = useMemo(() => {
    const out: I18n[] = [];
    for (const code of codes) {
      if (code === i18n.language) out.push(i18n);
      const s = sent.find((c) => c.code === code);
      if (s) out.push(createI18n(s.code, s.catalogue, s.fallback, s.dir));
    }
    return out.length ? out : [i18n];
  }, [codes, sent, i18n]);
  // A language Plenary has a catalogue for but this page was not sent: ask the loader for it.
  const missing = codes.filter((code) => code !== i18n.language && !sent.some((c) => c.code === code) && offered?.some((l) => l.code === code)).join(',');
  const revalidator = useRevalidator();
  const asked = useRef('');
  useEffect(() => {
    if (!missing || asked.current === missing || revalidator.state !== 'idle') return;
    asked.current = missing;
    revalidator.revalidate();
  }, [missing, revalidator]);
  return translators;
}
