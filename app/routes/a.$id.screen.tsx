import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { usePlenary } from '~/collab/use-plenary';
import { ConnectionIndicator } from '~/components/connection-indicator';
import { MetaDetails } from '~/components/meta-details';
import { TimerDisplay } from '~/components/timer-display';
import { IN_THE_ROOM, plenaryState, requireRole } from '~/utils/guards.server';
import { qrSvg } from '~/utils/qr.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Plenary` : 'Plenary' }];

/** The projector: big type, high contrast, the join QR large. No interaction needed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requireRole(request, context, params.id, IN_THE_ROOM);
  const links = await context.services.listLinks(assembly.id, request);
  const join = links.find((l) => l.role === 'attendee' && l.url)?.url ?? null;
  return json(
    {
      id: assembly.id,
      title: assembly.title,
      state: await plenaryState(context, assembly.id),
      join: join ? { url: join, qr: await qrSvg(join) } : null,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function ProjectorScreen() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { status, meta, agenda, currentId, itemTimer } = usePlenary(data.id, data.state);
  const index = agenda.findIndex((i) => i.id === currentId);
  const current = index >= 0 ? agenda[index] : null;
  const next = agenda.slice(index + 1).find((i) => i.status === 'pending') ?? null;
  return (
    <main className="flex min-h-screen flex-col bg-black p-8 text-white">
      <div className="flex flex-wrap-reverse items-start justify-between gap-4 lg:flex-nowrap lg:gap-8">
        <h1 className="break-words text-4xl font-black leading-tight sm:text-6xl xl:text-7xl" data-testid="assembly-title">
          {meta.title || data.title}
        </h1>
        <ConnectionIndicator status={status} large />
      </div>
      {current ? (
        <section className="mt-8 grid gap-8 lg:grid-cols-[1fr_auto] lg:items-end" data-testid="current-item">
          <div className="min-w-0">
            <p className="text-2xl font-bold uppercase text-amber-300">{t('agenda.now')}</p>
            <p className="break-words text-5xl font-black sm:text-7xl">{current.title}</p>
            {next ? (
              <p className="mt-4 text-3xl text-stone-300" data-testid="next-item">
                {t('agenda.next')}: <span className="font-bold text-white">{next.title}</span>
              </p>
            ) : null}
          </div>
          <TimerDisplay timer={itemTimer} label={t('timer.item')} className="text-right text-2xl [&_[data-testid=timer-value]]:text-8xl xl:[&_[data-testid=timer-value]]:text-9xl" />
        </section>
      ) : (
        <div className="mt-6 text-2xl [&_dt]:text-stone-300 [&_dd]:text-3xl [&_dd]:font-bold">
          <MetaDetails meta={meta} />
        </div>
      )}
      {data.join ? (
        <section className="mt-auto flex flex-wrap-reverse items-end justify-end gap-8 pt-8" aria-label={t('screen.join')}>
          <div className="min-w-0 text-right">
            <p className="text-3xl font-black sm:text-5xl">{t('screen.join')}</p>
            <p className="mt-2 text-2xl text-stone-300">{t('screen.scan')}</p>
            <p className="mt-2 break-all font-mono text-xl text-stone-300">{data.join.url}</p>
          </div>
          <div className="w-64 shrink-0 bg-white p-2 sm:w-80" data-testid="join-qr" dangerouslySetInnerHTML={{ __html: data.join.qr }} />
        </section>
      ) : null}
    </main>
  );
}
