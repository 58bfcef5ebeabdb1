import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requirePage } from '~/utils/guards.server';

/** The voting roll's counts as JSON, for the console's running "issued / in use" ([V5]). Facilitators only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requirePage(request, context, params.id, 'console');
  return json(await context.services.votingCounts(assembly.id), { headers: { 'Cache-Control': 'no-store' } });
}
