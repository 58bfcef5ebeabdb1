import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { usePlenary } from '~/collab/use-plenary';
import { AssemblyHeader } from '~/components/assembly-header';
import { LiveControls } from '~/components/live-controls';
import { StackKeeper } from '~/components/stack-keeper';
import { plenaryState, requirePage } from '~/utils/guards.server';
import { pageTitle } from '~/utils/page-title';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'stack', data?.title, error);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly, session } = await requirePage(request, context, params.id, 'stack');
  return json(
    { id: assembly.id, title: assembly.title, state: await plenaryState(context, assembly.id, session) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

/** The stack-keeper's screen: keyboard first, on a laptop at the front of the hall. */
export default function StackKeeperPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { status, doc, meta, agenda, currentId, stack, speakerTimer } = usePlenary(data.id, data.state, { presence: true });
  const item = agenda.find((i) => i.id === currentId) ?? null;
  return (
    <>
      <AssemblyHeader title={meta.title || data.title} subtitle={t('stack.keeperHeading')} status={status} />
      <main className="mx-auto grid max-w-6xl gap-4 px-4 py-6 sm:px-6">
        <LiveControls status={status}>
          <StackKeeper doc={doc} stack={stack} speakerTimer={speakerTimer} itemTitle={item?.title ?? null} />
        </LiveControls>
      </main>
    </>
  );
}
