import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useDoc } from '~/collab/use-doc';
import { AssemblyHeader } from '~/components/assembly-header';
import { requireRole, toBase64 } from '~/utils/guards.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Plenary` : 'Plenary' }];

const GROUP = /^[A-Za-z0-9_-]{1,64}$/;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const groupId = params.groupId ?? '';
  if (!GROUP.test(groupId)) throw new Response('No such group', { status: 404 });
  const { assembly, session } = await requireRole(
    request,
    context,
    params.id,
    ['facilitator', 'stack-keeper', 'note-taker', 'attendee'],
    (s) => s.role !== 'note-taker' || s.scope === groupId,
  );
  const docName = `${assembly.id}/breakout/${groupId}`;
  return json(
    { id: assembly.id, title: assembly.title, groupId, docName, canWrite: session.role === 'facilitator' || session.role === 'note-taker', state: toBase64(await context.services.docState(docName)) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

/** A table's page; the shared notes editor arrives with the breakout issue. */
export default function Breakout() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { status } = useDoc(data.docName, data.state, { presence: data.canWrite });
  return <AssemblyHeader title={data.title} subtitle={t('breakout.heading', { group: data.groupId })} status={status} />;
}
