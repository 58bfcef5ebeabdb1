import { json, type AppLoadContext } from '@remix-run/node';
import { z } from 'zod';

/** Codes per press on the console (the server refuses more: MAX_RIGHTS_PER_ISSUE). */
export const MAX_ISSUE = 500;

const Issue = z.object({
  count: z.coerce.number({ message: 'voting.errors.count' }).int('voting.errors.count').min(1, 'voting.errors.count').max(MAX_ISSUE, 'voting.errors.count'),
});
const Revoke = z.object({
  number: z.coerce
    .number({ message: 'voting.errors.number' })
    .int('voting.errors.number')
    .min(1, 'voting.errors.number')
    .max(1_000_000, 'voting.errors.number'),
});

/**
 * The console's voting-rights commands ([V5]): issue N codes (then print them from
 * /a/<id>/codes), or withdraw one by its number. Facilitators only: the route's guard ran.
 */
export async function votingRightsAction(context: AppLoadContext, assemblyId: string, intent: 'issue-rights' | 'revoke-right', form: FormData) {
  if (intent === 'issue-rights') {
    const parsed = Issue.safeParse({ count: form.get('count') ?? '' });
    if (!parsed.success) return json({ error: 'voting.errors.count', field: 'count' }, { status: 400 });
    const issued = await context.services.issueVotingRights(assemblyId, parsed.data.count);
    return json({ issued: { count: issued.length, from: issued[0].number, to: issued[issued.length - 1].number } });
  }
  const parsed = Revoke.safeParse({ number: form.get('number') ?? '' });
  if (!parsed.success) return json({ error: 'voting.errors.number', field: 'number' }, { status: 400 });
  if (!(await context.services.revokeVotingRight(assemblyId, parsed.data.number)))
    return json({ error: 'voting.errors.number', field: 'number' }, { status: 404 });
  return json({ revokedRight: parsed.data.number });
}
