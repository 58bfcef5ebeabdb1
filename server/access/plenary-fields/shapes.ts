/**
 * The shapes of the plenary document's parts that have no rule beyond their shape: the agenda, the
 * timers, and the plain maps `meta`, `run` and `stack`; and the bounds every shape is built from.
 */
import { z } from 'zod';
import { ITEM_KINDS } from '../../../app/model/agenda.js';
import { isId } from '../../../app/model/ids.js';
import { PROGRESSIVE } from '../../../app/model/stack.js';
import { MAX_ANNOUNCEMENT } from '../../../app/model/run.js';
import { isListedTimeZone, MAX_TIME_ZONE } from '../../../app/model/time-zone.js';
import { LANGUAGE_CODE, MAX_SCREEN_LANGUAGES } from '../../../app/model/screen-languages.js';

export const id = z.string().refine(isId, 'not an id');
/** A server-time instant in ms. Older clients wrote fractional ones: tolerated, bounded. */
export const instant = z.number().finite().min(0).max(1e14);
export const count = z.number().int().min(0).max(1_000_000);
export const text = (max: number) => z.string().max(max);

export const agendaItem = z
  .object({
    title: text(200),
    kind: z.enum(ITEM_KINDS),
    minutes: z
      .number()
      .finite()
      .min(0)
      .max(24 * 60),
    presenter: text(200),
    description: text(5000),
    interpretation: text(500),
    position: z.number().finite(),
    status: z.enum(['pending', 'done', 'skipped']),
    startedAt: instant.nullable(),
    endedAt: instant.nullable(),
    usedMs: z.number().finite().min(0).max(1e10),
  })
  .partial()
  .strict();

export const timer = z
  .object({
    durationMs: z
      .number()
      .finite()
      .min(0)
      .max(7 * 24 * 3600_000),
    startedAt: instant.nullable(),
    elapsedMs: z.number().finite().min(0).max(1e10),
  })
  .partial()
  .strict();

/** Top-level keys of the plain maps, each with its own value shape. */
export const meta: Record<string, z.ZodTypeAny> = {
  title: text(200),
  startsAt: z.string().max(64).nullable(),
  place: z.string().max(200).nullable(),
  languages: z.array(z.string().max(35)).max(50),
  // The assembly's time zone ([L33]): one of the zones the server lists; null = the server's own.
  timeZone: z.string().max(MAX_TIME_ZONE).refine(isListedTimeZone, 'not a time zone').nullable(),
  // The projector's one or two label languages ([L50]); clearing the choice deletes the field.
  screenLanguages: z
    .array(z.string().max(35).regex(LANGUAGE_CODE))
    .min(1)
    .max(MAX_SCREEN_LANGUAGES)
    .refine((codes) => new Set(codes).size === codes.length, 'distinct languages'),
};
// `shownProposalId`: the proposal a facilitator chose for the projector and the phones ([D13]).
export const run: Record<string, z.ZodTypeAny> = { currentItemId: id, announcement: text(MAX_ANNOUNCEMENT), shownProposalId: id };
export const stackSettings = (key: string): z.ZodTypeAny | null => {
  if (key.startsWith('closed:') && key.length <= 7 + 64) return z.literal(true);
  const shapes: Record<string, z.ZodTypeAny> = {
    progressive: z.enum(PROGRESSIVE),
    speakerSeconds: z
      .number()
      .finite()
      .min(1)
      .max(24 * 3600),
    hideNames: z.boolean(),
  };
  return shapes[key] ?? null;
};
