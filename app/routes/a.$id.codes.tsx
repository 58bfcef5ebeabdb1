import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { requirePage } from '~/utils/guards.server';
import { qrSvg } from '~/utils/qr.server';
import { pageTitle } from '~/utils/page-title';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'codes', data?.title, error);

/** At most this many codes on one sheet: one request's work stays bounded. */
const SHEET_MAX = 500;

const bound = (raw: string | null, fallback: number) => (raw !== null && /^\d{1,7}$/.test(raw) ? Number(raw) : fallback);

/**
 * The check-in desk's sheet ([V5]): every code not yet handed over (or numbers `from`..`to`), each
 * with its number, the code and a QR code of the personal link that redeems it. Facilitators only.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requirePage(request, context, params.id, 'console');
  const url = new URL(request.url);
  const from = bound(url.searchParams.get('from'), 1);
  const to = bound(url.searchParams.get('to'), Number.MAX_SAFE_INTEGER);
  const roll = await context.services.votingRoll(assembly.id);
  const join = (await context.services.listLinks(assembly.id, request)).find((l) => l.role === 'attendee' && l.url);
  // The same origin as the projector's join link (PUBLIC_URL when set).
  const origin = join?.url ? new URL(join.url).origin : url.origin;
  const shown = roll.rights.filter((r) => r.code && r.number >= from && r.number <= to).slice(0, SHEET_MAX);
  const codes = await Promise.all(
    shown.map(async (r) => {
      const link = `${origin}/a/${assembly.id}/code?c=${r.code}`;
      return { number: r.number, code: r.code!, qr: await qrSvg(link) };
    }),
  );
  return json({ id: assembly.id, title: assembly.title, codes }, { headers: { 'Cache-Control': 'no-store' } });
}

export default function CodeSheet() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="mx-auto max-w-5xl px-4 py-6">
      <div className="print:hidden" data-print="hide">
        <a className="font-bold underline" href={`/a/${data.id}/facilitate`}>
          {t('voting.back')}
        </a>
      </div>
      <h1 className="mt-3 text-2xl font-black">
        {t('voting.sheetTitle')} · {data.title}
      </h1>
      <p className="mt-1">{t('voting.sheetIntro')}</p>
      {data.codes.length === 0 ? <p className="mt-6 text-lg font-bold">{t('voting.sheetEmpty')}</p> : null}
      <ul className="mt-4 grid grid-cols-2 gap-0 sm:grid-cols-3 lg:grid-cols-4" data-testid="code-sheet">
        {data.codes.map((c) => (
          <li key={c.number} className="break-inside-avoid border border-dashed border-stone-500 p-3 text-center" data-testid="code-slip">
            <p className="text-sm font-bold">{t('voting.sheetNumber', { number: String(c.number) })}</p>
            <div className="mx-auto w-32" dangerouslySetInnerHTML={{ __html: c.qr }} />
            <p className="font-mono text-xl font-black tracking-wider" data-testid="code">
              {c.code}
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
