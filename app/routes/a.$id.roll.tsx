import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireRole } from '~/utils/guards.server';

/** The voting roll's counts as JSON, for the console's running "issued / in use" ([V5]). Facilitators only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requireRole(request, context, params.id, ['facilitator']);
  return json(await context.services.votingCounts(assembly.id), { headers: { 'Cache-Control': 'no-store' } });
}
