import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { usePlenary } from '~/collab/use-plenary';
import { AssemblyHeader } from '~/components/assembly-header';
import { plenaryState, requireRole } from '~/utils/guards.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Plenary` : 'Plenary' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requireRole(request, context, params.id, ['facilitator', 'stack-keeper']);
  return json({ id: assembly.id, title: assembly.title, state: await plenaryState(context, assembly.id) }, { headers: { 'Cache-Control': 'no-store' } });
}

/** The stack-keeper's screen; the stack itself arrives with the stack issue. */
export default function StackKeeper() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { status, meta } = usePlenary(data.id, data.state, { presence: true });
  return <AssemblyHeader title={meta.title || data.title} subtitle={t('stack.heading')} status={status} />;
}
