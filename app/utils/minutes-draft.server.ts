/**
 * The minutes draft's form fields, read the same way by the editor's plain-form action and by
 * the autosave endpoint (ADR 017).
 */
import type { AppLoadContext } from '@remix-run/node';
import { z } from 'zod';

/** As much as the published minutes may hold ([V3] editor). */
export const DRAFT_MAX_CHARS = 500_000;

const Revision = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);

/**
 * The revision a form was based on: a number, `null` when the form has none (a page from
 * before drafts: it saw no draft), or `'bad'` for anything else (400, never a 500).
 */
export function readRevision(form: FormData): number | null | 'bad' {
  const raw = form.getAll('revision');
  if (raw.length === 0) return null;
  if (raw.length > 1 || typeof raw[0] !== 'string') return 'bad';
  const parsed = Revision.safeParse(raw[0]);
  return parsed.success ? parsed.data : 'bad';
}

/** The draft's text exactly as typed (not trimmed: it is work in progress), or why it is refused. */
export function readDraftText(form: FormData): { text: string } | { error: string } {
  const raw = form.get('markdown');
  if (typeof raw !== 'string') return { error: 'console.errors.form' };
  if (raw.length > DRAFT_MAX_CHARS) return { error: 'minutes.errors.tooLong' };
  return { text: raw };
}

/**
 * The revision of "no draft" for a form that names none: it may act only while there is no
 * draft, so it never clears or overwrites one it did not see. Null when there is a draft.
 */
export async function revisionWithoutDraft(context: AppLoadContext, assemblyId: string): Promise<number | null> {
  const current = await context.services.getMinutesDraft(assemblyId);
  return current.markdown === null ? current.revision : null;
}
