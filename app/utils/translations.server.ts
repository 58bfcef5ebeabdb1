import type { AppLoadContext } from '@remix-run/node';
import { z } from 'zod';
import {
  LANGUAGE_TAG,
  MAX_TRANSLATION,
  markInterpreted,
  readTranslations,
  setTranslation,
  sourceText,
  translationsDocName,
} from '~/model/translations';
import { UnavailableError, type RequestSession } from '~/services';

/**
 * An interpreter saving one translation ([P30]–[P34], ADR 025). The language is the link's, never
 * the form's; the text must be a translation of the source as it is now (`from`, what the
 * interpreter read), and of the translation as the interpreter last saw it (`base`), so two
 * interpreters of one language, or a facilitator editing the source meanwhile, never lose each
 * other's work silently: both are a 409 with what is there now.
 */

export type TranslateAnswer =
  | { status: 200; key: string; saved: { text: string; at: number } | null }
  | { status: 400 | 403 | 404 | 503; key?: string; error: string }
  | { status: 409; key: string; error: 'interpret.errors.sourceChanged'; source: string }
  | { status: 409; key: string; error: 'interpret.errors.conflict'; theirs: string; theirsAt: number | null };

const Save = z.object({
  key: z.string().min(1).max(200),
  // A source is at most 2,000 characters (a proposal); allow margin, refuse a flood.
  from: z.string().max(MAX_TRANSLATION),
  text: z.string().max(MAX_TRANSLATION, 'interpret.errors.tooLong'),
  base: z.union([z.literal(''), z.string().regex(/^\d{1,16}$/)]),
});

/** Parses and applies an interpreter's save; never throws for anything the form carried. */
export async function saveTranslation(context: AppLoadContext, assemblyId: string, session: RequestSession, form: FormData): Promise<TranslateAnswer> {
  const language = session.scope;
  if (session.role !== 'interpreter' || !language || !LANGUAGE_TAG.test(language)) return { status: 403, error: 'interpret.errors.forbidden' };
  const parsed = Save.safeParse({ key: form.get('key'), from: form.get('from'), text: form.get('text') ?? '', base: form.get('base') ?? '' });
  if (!parsed.success) {
    const message = parsed.error.issues[0].message;
    return { status: 400, error: message.startsWith('interpret.') ? message : 'interpret.errors.invalid' };
  }
  const { key, from, text, base } = parsed.data;
  try {
    const source = await context.services.readDoc(`${assemblyId}/plenary`, (doc) => sourceText(doc, key));
    if (source === null) return { status: 404, key, error: 'interpret.errors.gone' };
    // Line endings differ between browsers' form posts and what was typed into the document.
    if (normalize(source) !== normalize(from)) return { status: 409, key, error: 'interpret.errors.sourceChanged', source };
    const now = context.services.now();
    const answer = await context.services.changeDoc(translationsDocName(assemblyId, language), (doc): TranslateAnswer => {
      const current = readTranslations(doc).get(key) ?? null;
      if (String(current?.at ?? '') !== base) {
        return { status: 409, key, error: 'interpret.errors.conflict', theirs: current?.text ?? '', theirsAt: current?.at ?? null };
      }
      // Strictly later than what it replaces, so `base` always names one save.
      const at = Math.max(now, (current?.at ?? 0) + 1);
      setTranslation(doc, key, text, source, at);
      return { status: 200, key, saved: text.trim() ? { text: text.trim(), at } : null };
    });
    if (answer.status === 200) {
      // Phones learn from the plenary that this language has translations, and only then open its document.
      await context.services.changeDoc(`${assemblyId}/plenary`, (doc) => markInterpreted(doc, language));
    }
    return answer;
  } catch (err) {
    if (err instanceof UnavailableError) return { status: 503, key, error: 'errors.unavailable' };
    throw err;
  }
}

const normalize = (text: string) => text.replace(/\r\n?/g, '\n');
