import { z } from 'zod';
import { hasVisibleText } from '~/model/visible-text';

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
  });
}

export const CreateAssemblySchema = z.object({
  // A title of only spaces or zero-width characters would show as nothing ([W14]).
  title: z.string().trim().refine(hasVisibleText, 'create.errors.titleRequired').refine((v) => v.length <= 200, 'create.errors.titleTooLong'),
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
  languages: z.array(z.enum(ROOM_LANGUAGES)).min(1, 'create.errors.languagesRequired'),
});

