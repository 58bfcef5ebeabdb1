import type { AppLoadContext } from '@remix-run/node';
import * as Y from 'yjs';
import { z } from 'zod';
import {
  LANGUAGE_TAG,
  MAX_SOURCE,
  MAX_TRANSLATION,
  MAX_TRANSLATIONS_BYTES,
  markInterpreted,
  readTranslations,
  setTranslation,
  sourceTexts,
  translationsDocName,
} from '~/model/translations';
import { type RequestSession } from '~/services';
import { refusalOf } from './refusals.server';

/**
 * An interpreter saving one translation ([P30]–[P34], ADR 025). The language is the link's, never
 * the form's; the text must be a translation of the source as it is now (`from`, what the
 * interpreter read), and of the translation as the interpreter last saw it (`base`), so two
 * interpreters of one language, or a facilitator editing the source meanwhile, never lose each
 * other's work silently: both are a 409 with what is there now.
 */

export type TranslateAnswer =
  | { status: 200; key: string; saved: { text: string; at: number } | null }
  | { status: 400 | 403 | 404 | 413 | 503; key?: string; error: string }
  | { status: 409; key: string; error: 'interpret.errors.sourceChanged'; source: string }
  | { status: 409; key: string; error: 'interpret.errors.conflict'; theirs: string; theirsAt: number | null };

const Save = z.object({
  key: z.string().min(1).max(200),
  // The original as the interpreter read it: as long as any text the room holds ([P31]).
  from: z.string().max(MAX_SOURCE),
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
    const { source, live } = await context.services.readDoc(`${assemblyId}/plenary`, (doc) => {
      const texts = sourceTexts(doc);
      return { source: texts.find((s) => s.key === key)?.text ?? null, live: new Set(texts.map((s) => s.key)) };
    });
    if (source === null) return { status: 404, key, error: 'interpret.errors.gone' };
    // Line endings differ between browsers' form posts and what was typed into the document.
    if (normalize(source) !== normalize(from)) return { status: 409, key, error: 'interpret.errors.sourceChanged', source };
    const now = context.services.now();
    const apply = (mayDrop: boolean) =>
      context.services.changeDoc(translationsDocName(assemblyId, language), (doc): TranslateAnswer | 'dropped' => {
        const current = readTranslations(doc).get(key) ?? null;
        if (String(current?.at ?? '') !== base) {
          return { status: 409, key, error: 'interpret.errors.conflict', theirs: current?.text ?? '', theirsAt: current?.at ?? null };
        }
        // The server's own write: no writer's check bounds this document, so the save does ([P45]).
        if (!translationFits(doc, key, text, source)) {
          // Full: translations of texts the room no longer has are never shown and no interpreter
          // can remove them (their key is a 404), so they make room first, then the save is tried again.
          if (mayDrop && dropUnreachable(doc, live)) return 'dropped';
          return { status: 413, key, error: 'interpret.errors.full' };
        }
        // Strictly later than what it replaces, so `base` always names one save.
        const at = Math.max(now, (current?.at ?? 0) + 1);
        setTranslation(doc, key, text, source, at);
        return { status: 200, key, saved: text.trim() ? { text: text.trim(), at } : null };
      });
    const first = await apply(true);
    // Dropped in a transaction of its own (deleted content counts until its transaction ends);
    // the second try drops nothing, so it answers.
    const answer = first === 'dropped' ? ((await apply(false)) as TranslateAnswer) : first;
    if (answer.status === 200) {
      // Phones learn from the plenary that this language has translations, and only then open its document.
      await context.services.changeDoc(`${assemblyId}/plenary`, (doc) => markInterpreted(doc, language));
    }
    return answer;
  } catch (err) {
    const refused = refusalOf(err);
    if (refused?.status === 503) return { status: 503, key, error: refused.error };
    throw err;
  }
}

/** Removes the translations of texts the room no longer has (`live` are the keys it has); true when any went. */
function dropUnreachable(doc: Y.Doc, live: ReadonlySet<string>): boolean {
  const map = doc.getMap<unknown>('translations');
  const gone = [...map.keys()].filter((k) => !live.has(k));
  for (const k of gone) map.delete(k);
  return gone.length > 0;
}

/** About what an entry costs encoded: its key and its JSON, plus the item's own bytes. */
const entryBytes = (key: string, value: unknown) => (value === undefined ? 0 : Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value) ?? '') + 16);

/**
 * Whether writing this translation keeps the document within MAX_TRANSLATIONS_BYTES ([P45]). A save
 * that does not grow it (a shorter text, a removal) always fits, so there is always a way to make
 * room.
 */
export function translationFits(doc: Y.Doc, key: string, text: string, source: string): boolean {
  const clean = text.trim();
  const before = entryBytes(key, doc.getMap<unknown>('translations').get(key));
  const after = clean === '' ? 0 : entryBytes(key, { text: clean, source, at: Number.MAX_SAFE_INTEGER });
  if (after <= before) return true;
  return Y.encodeStateAsUpdate(doc).byteLength - before + after <= MAX_TRANSLATIONS_BYTES;
}

const normalize = (text: string) => text.replace(/\r\n?/g, '\n');
