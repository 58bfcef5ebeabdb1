import { useCallback, useMemo } from 'react';
import type * as Y from 'yjs';
import { useTranslation } from '~/i18n/react';
import { interpretedLanguages } from '~/model/translations';
import type { RoomTranslations } from '~/components/translated';
import { useDocValue } from './use-y';
import { useTranslations } from './use-translations';

/**
 * The translations a phone shows: those into the page's own language ([L2]), live. The socket
 * to the language's document opens only while the plenary lists the language as interpreted
 * ([L72]): at once when the loader found it so, or the moment an interpreter's first save lands.
 * A room nobody interprets into this language costs the phone no second socket.
 *
 * `initialState`: the loader's base64 state of the language's document ('' when none).
 */
export function useRoomTranslations(assemblyId: string, plenary: Y.Doc, initialState: string): RoomTranslations {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const interpreted = useCallback((doc: Y.Doc) => interpretedLanguages(doc).includes(language), [language]);
  const enabled = useDocValue(plenary, interpreted);
  const { entries } = useTranslations(assemblyId, language, initialState, enabled);
  const dir = i18n.dir();
  return useMemo(() => ({ language, dir, entries }), [language, dir, entries]);
}
