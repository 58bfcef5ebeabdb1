import { type ModelError, modelErrorKey } from '~/model/model-error';
import type { TFunction } from './translate';

/**
 * A model refusal in the page's language ([L30]): its reason's catalogue entry with the numbers
 * filled in (grouped per locale), never the Error's English message.
 */
export function errorText(t: TFunction, err: ModelError): string {
  return t(modelErrorKey(err.reason), err.params);
}
