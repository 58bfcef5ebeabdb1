import { plainRefusal } from '~/utils/plain-refusal.server';
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { Markdown } from '~/components/markdown';
import { MinutesLanguagePicker } from '~/components/minutes-language-picker';
import { LanguageSwitcher } from '~/root';
import { requirePage } from '~/utils/guards.server';
import { readerTranslation } from '~/utils/minutes-translations.server';
import { pageTitle } from '~/utils/page-title';
import { formatInstant } from '~/i18n/format';
import { readMeta } from '~/model/meta';
import { hostTimeZone } from '~/model/time-zone';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'minutes', data?.title, error);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly, session } = await requirePage(request, context, params.id, 'minutes');
  const v = new URL(request.url).searchParams.get('v');
  if (v !== null && !/^\d{1,6}$/.test(v)) throw plainRefusal(request, 'errors.400', 400);
  const minutes = await context.services.getMinutes(assembly.id, v === null ? undefined : Number(v));
  if (v !== null && !minutes) throw plainRefusal(request, 'errors.404', 404);
  const translation = await readerTranslation(request, context, assembly.id, minutes?.version ?? null);
  // When it was published, in the assembly's zone with its name ([L35]).
  const timeZone = (await context.services.readDoc(`${assembly.id}/plenary`, (doc) => readMeta(doc).timeZone)) ?? hostTimeZone();
  return json(
    {
      id: assembly.id,
      title: assembly.title,
      // A reader is sent the text they read: the translation instead of the original, not beside it.
      minutes: minutes && translation.shown ? { ...minutes, markdown: '' } : minutes,
      translation,
      versions: await context.services.listMinutes(assembly.id),
      facilitator: session.role === 'facilitator',
      timeZone,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

/** Published minutes, for anyone with a link: read on a phone, download as Markdown, print. */
export default function Minutes() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const shown = data.translation.shown;
  const download = data.minutes ? `/a/${data.id}/minutes.md?v=${data.minutes.version}${shown ? `&lang=${encodeURIComponent(shown.code)}` : ''}` : '';
  return (
    <main className="mx-auto max-w-3xl px-4 py-6">
      <div className="print:hidden" data-print="hide">
        <LanguageSwitcher className="mb-6" />
        <p className="text-sm font-bold uppercase text-stone-700">{t('minutes.heading')}</p>
      </div>
      {data.minutes ? (
        <>
          <p className="mt-1 text-sm text-stone-700" data-testid="minutes-version">
            {t('minutes.versionPublished', {
              version: String(data.minutes.version),
              date: formatInstant(i18n.language, data.minutes.publishedAt, data.timeZone, 'full', true),
            })}
          </p>
          <MinutesLanguagePicker page={`/a/${data.id}/minutes?v=${data.minutes.version}`} languages={data.translation.languages} shown={shown?.code ?? null} />
          <nav className="mt-3 flex flex-wrap gap-2 print:hidden" aria-label={t('minutes.versions')}>
            <a
              className="inline-flex min-h-11 items-center rounded-lg bg-stone-950 px-4 font-bold text-white"
              href={download}
              download
              data-testid="minutes-download"
            >
              {t('minutes.download')}
            </a>
            {data.versions.map((v) => (
              <a
                key={v.version}
                href={`/a/${data.id}/minutes?v=${v.version}`}
                aria-current={v.version === data.minutes!.version ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center rounded-lg border-2 px-3 font-bold ${v.version === data.minutes!.version ? 'border-stone-950' : 'border-stone-300'}`}
              >
                {t('minutes.version', { version: String(v.version) })}
              </a>
            ))}
            {data.facilitator ? (
              <a className="inline-flex min-h-11 items-center rounded-lg border-2 border-stone-950 px-3 font-bold" href={`/a/${data.id}/minutes/edit`}>
                {t('console.minutesEdit')}
              </a>
            ) : null}
          </nav>
          {shown ? (
            <>
              <p className="mt-3 text-sm text-stone-700" data-testid="minutes-translated">
                {t('minutesTranslations.translatedFrom', { version: data.minutes.version })}
              </p>
              {/* The translation's own language and direction, whatever the page's ([L63]). */}
              <article className="mt-4" data-testid="minutes" lang={shown.code} dir={shown.dir}>
                <Markdown source={shown.markdown} />
              </article>
            </>
          ) : (
            <article className="mt-4" data-testid="minutes">
              <Markdown source={data.minutes.markdown} />
            </article>
          )}
        </>
      ) : (
        <>
          <h1 dir="auto" className="text-3xl font-black" data-testid="assembly-title">
            {data.title}
          </h1>
          <p className="mt-4 text-lg">{t('minutes.none')}</p>
        </>
      )}
    </main>
  );
}
