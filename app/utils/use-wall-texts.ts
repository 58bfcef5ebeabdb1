import { useCallback, useMemo } from 'react';
import type * as Y from 'yjs';
import { useDocValue } from '~/collab/use-y';
import { useTranslations } from '~/collab/use-translations';
import type { I18n } from '~/i18n/i18n';
import { interpretedLanguages, shown, type Translation } from '~/model/translations';
import type { WallPart, WallTexts } from '~/components/wall-text';

const interpreted = (doc: Y.Doc) => interpretedLanguages(doc).join(' ');

/**
 * The room's texts in the projector's languages, live ([L54]): for each of its (one or two)
 * languages, the interpreters' translation when it was made from the text as it is now, else the
 * original; a version two languages share shows once. A language's translations document is
 * opened only once the plenary says it has translations ([L22]); `initial` holds the server's
 * state of those the loader had. `version` changes whenever a translation does (for the fit).
 */
export function useWallTextsOf(
  assemblyId: string,
  plenary: Y.Doc,
  languages: readonly I18n[],
  initial: Readonly<Record<string, string>>,
): { texts: WallTexts; version: string } {
  const noted = useDocValue(plenary, interpreted).split(' ');
  // Always two hooks (React's rule): the second is idle when the wall has one language.
  const [first, second] = [languages[0]?.language ?? '', languages[1]?.language ?? ''];
  const a = useTranslations(assemblyId, first || 'none', initial[first] ?? '', noted.includes(first));
  const b = useTranslations(assemblyId, second || 'none', initial[second] ?? '', second !== '' && noted.includes(second));
  const sets = useMemo(() => {
    const out: { language: I18n; entries: Map<string, Translation> }[] = [];
    if (languages[0]) out.push({ language: languages[0], entries: a.entries });
    if (languages[1]) out.push({ language: languages[1], entries: b.entries });
    return out;
  }, [languages, a.entries, b.entries]);
  const texts = useCallback<WallTexts>(
    (key, source) => {
      const parts: WallPart[] = [];
      for (const { language, entries } of sets) {
        const s = shown(source, entries.get(key));
        // An out-of-date translation is not shown: the original stands for it ([L21]).
        const part: WallPart =
          s.state === 'current' ? { text: s.text, language: language.language, dir: language.dir() } : { text: source, language: null, dir: 'auto' };
        if (!parts.some((p) => p.text === part.text)) parts.push(part);
      }
      return parts.length ? parts : [{ text: source, language: null, dir: 'auto' }];
    },
    [sets],
  );
  const version = sets.map((s) => [...s.entries].map(([k, t]) => `${k}@${t.at}`).join()).join('|');
  return { texts, version };
}
