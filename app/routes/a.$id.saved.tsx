import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { ID_PATTERN } from '~/model/ids';
import { requireDocument } from '~/utils/guards.server';

const GROUP = ID_PATTERN;

/**
 * `GET /a/<id>/saved?group=<g>` → `{"stateVector": {"<client id>": clock}}`: what the server has
 * stored of a table's notes. The note-taker's page compares it with its own state vector to say
 * "saved on the server" only when it is true. For the table's writers only.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const group = new URL(request.url).searchParams.get('group') ?? '';
  if (!GROUP.test(group)) return json({ error: 'errors.400' }, { status: 400 });
  // For the table's writers only: the same answer their socket gets ([X21]).
  const { assembly, session } = await requireDocument(request, context, params.id, (id) => `${id}/breakout/${group}`, 'write');
  const stateVector = await context.services.docStateVector(`${assembly.id}/breakout/${group}`, session);
  return json({ stateVector }, { headers: { 'Cache-Control': 'no-store' } });
}
