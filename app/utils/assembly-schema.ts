import { z } from 'zod';
import { hasVisibleText } from '~/model/visible-text';
import { isListedTimeZone } from '~/model/time-zone';
import { issueKey } from '~/i18n/issue-key';

/** The languages an assembly can be held in (create form and details editor); each has a `languages.<code>` key. */
export const ROOM_LANGUAGES = ['en', 'es', 'so', 'hmn', 'om', 'am', 'ti', 'vi', 'ar', 'asl'] as const;

/** One schema for an assembly's details, for the create form and the console's editor; messages are i18n keys. */
/** Reads the details form (create or edit) with the schema. */
export function parseAssemblyForm(form: FormData) {
  return CreateAssemblySchema.safeParse({
    title: form.get('title') ?? '',
    startsAt: form.get('startsAt') ?? '',
    place: form.get('place') ?? '',
    languages: form.getAll('languages'),
    timeZone: form.get('timeZone') ?? '',
  });
}

/** The details form's fields. */
export type AssemblyField = 'title' | 'startsAt' | 'place' | 'languages' | 'timeZone';

/** What a field says when zod's own English came instead of a key (a value no list has, a file). */
const FALLBACK: Record<AssemblyField, string> = {
  title: 'create.errors.titleRequired',
  startsAt: 'create.errors.startsAtInvalid',
  place: 'create.errors.placeTooLong',
  languages: 'create.errors.languagesInvalid',
  timeZone: 'create.errors.timeZoneInvalid',
};

/** The first refusal of each field, as a catalogue key ([L30]). */
export function assemblyFieldErrors(issues: readonly z.ZodIssue[]): Partial<Record<AssemblyField, string>> {
  const errors: Partial<Record<AssemblyField, string>> = {};
  for (const issue of issues) {
    const field = String(issue.path[0]) as AssemblyField;
    if (field in FALLBACK) errors[field] ??= issueKey(issue, FALLBACK[field]);
  }
  return errors;
}

export const CreateAssemblySchema = z.object({
  // A title of only spaces or zero-width characters would show as nothing ([W14]).
  title: z
    .string()
    .trim()
    .refine(hasVisibleText, 'create.errors.titleRequired')
    .refine((v) => v.length <= 200, 'create.errors.titleTooLong'),
  startsAt: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), 'create.errors.startsAtInvalid')
    .transform((v) => (v === '' ? null : v)),
  place: z
    .string()
    .trim()
    .max(200, 'create.errors.placeTooLong')
    .transform((v) => (hasVisibleText(v) ? v : null)),
  languages: z.array(z.enum(ROOM_LANGUAGES, { message: 'create.errors.languagesInvalid' })).min(1, 'create.errors.languagesRequired'),
  // One of the zones this engine lists ([L33]); none given (a script, an old form): null, the server's.
  timeZone: z
    .string({ message: 'create.errors.timeZoneInvalid' })
    .trim()
    .refine((v) => v === '' || isListedTimeZone(v), 'create.errors.timeZoneInvalid')
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v)),
});
