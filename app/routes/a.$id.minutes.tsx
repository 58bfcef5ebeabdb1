import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '~/root';
import { requireRole } from '~/utils/guards.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Plenary` : 'Plenary' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requireRole(request, context, params.id, ['facilitator', 'stack-keeper', 'note-taker', 'attendee', 'reader']);
  return json({ title: assembly.title });
}

/** Published minutes for readers; publishing arrives with the minutes issue. Nothing live here. */
export default function Minutes() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="mx-auto max-w-3xl px-4 py-6">
      <LanguageSwitcher className="mb-6" />
      <p className="text-sm font-bold uppercase text-stone-700">{t('minutes.heading')}</p>
      <h1 className="text-3xl font-black" data-testid="assembly-title">
        {data.title}
      </h1>
      <p className="mt-4 text-lg">{t('minutes.none')}</p>
    </main>
  );
}
