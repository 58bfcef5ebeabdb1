import { useDoc } from './use-doc';
import { useDocValue } from './use-y';
import { readTranslations, translationsDocName } from '~/model/translations';

/**
 * One language's translations of what the room typed, live (ADR 025). Starts from the server's
 * state (base64, from the loader); opens its socket only when `enabled`, which a phone sets once
 * the plenary says the language has translations ([L22]), so a room nobody interprets costs one
 * socket per phone, not two.
 */
export function useTranslations(assemblyId: string, language: string, initialState: string, enabled: boolean) {
  const live = useDoc(translationsDocName(assemblyId, language), initialState, { enabled });
  const entries = useDocValue(live.doc, readTranslations);
  return { ...live, entries };
}
