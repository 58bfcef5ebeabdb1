import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { usePlenary } from '~/collab/use-plenary';
import { AssemblyHeader } from '~/components/assembly-header';
import { MetaDetails } from '~/components/meta-details';
import { Card } from '~/components/ui/card';
import { AgendaView } from '~/components/agenda-view';
import { TimerDisplay } from '~/components/timer-display';
import { IN_THE_ROOM, plenaryState, requireRole } from '~/utils/guards.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Plenary` : 'Plenary' }];

/** The attendee's phone: rendered from the server's copy, so it is useful before (and without) JavaScript. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requireRole(request, context, params.id, IN_THE_ROOM);
  return json(
    { id: assembly.id, title: assembly.title, state: await plenaryState(context, assembly.id) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function AttendeePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { status, meta, agenda, currentId, itemTimer, announcement } = usePlenary(data.id, data.state);
  const current = agenda.find((i) => i.id === currentId);
  return (
    <>
      <AssemblyHeader title={meta.title || data.title} subtitle={t('attendee.heading')} status={status} />
      <main className="mx-auto grid max-w-3xl gap-4 px-4 py-6">
        {announcement ? (
          <p role="status" className="break-words rounded-xl bg-amber-300 p-4 text-xl font-black" data-testid="announcement">
            {announcement}
          </p>
        ) : null}
        {current ? (
          <Card className="border-amber-400" data-testid="current-item">
            <p className="text-sm font-bold uppercase text-stone-700">{t('agenda.now')}</p>
            <p className="text-2xl font-black">{current.title}</p>
            <TimerDisplay timer={itemTimer} name="item" label={t('timer.item')} size="phone" className="mt-2" />
          </Card>
        ) : null}
        <Card>
          <h2 className="mb-2 text-xl font-black">{t('agenda.heading')}</h2>
          <AgendaView agenda={agenda} currentId={currentId} />
        </Card>
        <Card>
          <MetaDetails meta={meta} />
          <p className="mt-4 text-stone-800">{t('attendee.follow')}</p>
        </Card>
      </main>
    </>
  );
}
