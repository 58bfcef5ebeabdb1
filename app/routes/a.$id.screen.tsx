import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { usePlenary } from '~/collab/use-plenary';
import { ConnectionIndicator } from '~/components/connection-indicator';
import { MetaDetails } from '~/components/meta-details';
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
  const { status, meta } = usePlenary(data.id, data.state);
  return (
    <main className="flex min-h-screen flex-col bg-black p-8 text-white">
      <div className="flex flex-wrap-reverse items-start justify-between gap-4 lg:flex-nowrap lg:gap-8">
        <h1 className="break-words text-4xl font-black leading-tight sm:text-6xl xl:text-7xl" data-testid="assembly-title">
          {meta.title || data.title}
        </h1>
        <ConnectionIndicator status={status} large />
      </div>
      <div className="mt-6 text-2xl [&_dt]:text-stone-300 [&_dd]:text-3xl [&_dd]:font-bold">
        <MetaDetails meta={meta} />
      </div>
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
