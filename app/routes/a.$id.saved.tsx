import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { requireRole } from '~/utils/guards.server';

const GROUP = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `GET /a/<id>/saved?group=<g>` → `{"stateVector": {"<client id>": clock}}`: what the server has
 * stored of a table's notes. The note-taker's page compares it with its own state vector to say
 * "saved on the server" only when it is true. For the table's writers only.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const group = new URL(request.url).searchParams.get('group') ?? '';
  if (!GROUP.test(group)) return json({ error: 'errors.400' }, { status: 400 });
  const { assembly } = await requireRole(request, context, params.id, ['facilitator', 'note-taker'], (s) => s.role !== 'note-taker' || s.scope === group);
  const stateVector = await context.services.docStateVector(`${assembly.id}/breakout/${group}`);
  return json({ stateVector }, { headers: { 'Cache-Control': 'no-store' } });
}
