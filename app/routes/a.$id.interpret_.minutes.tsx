/**
 * `/a/<id>/interpret/minutes`: an interpreter translates the published minutes into their link's
 * language ([L62], [P40]–[P44]). The list of published versions, each translated or not yet; for
 * one version (`?v=n`), its original beside the translation, saved by a plain form with a
 * revision check, so several interpreters of one language never overwrite each other silently.
 */
import { json, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { AssemblyHeader } from '~/components/assembly-header';
import { MinutesTranslationForm } from '~/components/minutes-translation-form';
import { TranslationVersions } from '~/components/translation-versions';
import { requireCommand, requirePage } from '~/utils/guards.server';
import { describeLanguage, TRANSLATION_MAX_CHARS } from '~/utils/minutes-translations.server';
import { interpreterLanguage, readTranslationForm, versionParam } from '~/utils/translation-form.server';
import { pageTitle } from '~/utils/page-title';
import { readMeta } from '~/model/meta';
import { hostTimeZone } from '~/model/time-zone';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'interpretMinutes', data?.title, error);

const NO_STORE = { 'Cache-Control': 'no-store' };

/** One published version with this language's translation of it; null when it was never published. */
async function versionView(context: AppLoadContext, assemblyId: string, version: number, language: string) {
  const original = await context.services.getMinutes(assemblyId, version);
  if (!original) return null;
  return { version, original: original.markdown, translation: await context.services.getMinutesTranslation(assemblyId, version, language) };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly, session } = await requirePage(request, context, params.id, 'interpret');
  const language = interpreterLanguage(session);
  const v = versionParam(new URL(request.url));
  const published = await context.services.listMinutes(assembly.id);
  const versions = await Promise.all(
    published.map(async (p) => ({ ...p, translated: (await context.services.getMinutesTranslation(assembly.id, p.version, language)).markdown !== null })),
  );
  const chosen = v === null ? null : await versionView(context, assembly.id, v, language);
  if (v !== null && !chosen) throw new Response('No such version of the minutes', { status: 404 });
  // Times in the assembly's zone, as on the minutes page, not the server's UTC ([L34], [L83]).
  const timeZone = (await context.services.readDoc(`${assembly.id}/plenary`, (doc) => readMeta(doc).timeZone)) ?? hostTimeZone();
  return json(
    { id: assembly.id, title: assembly.title, language: describeLanguage(language), versions, chosen, maxLength: TRANSLATION_MAX_CHARS, timeZone },
    { headers: NO_STORE },
  );
}

/** Every answer that shows the form again says when it was made, so the form starts afresh from it. */
const shown = <T extends object>(data: T, status: number) => json({ ...data, at: Date.now() }, { status, headers: NO_STORE });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly, session } = await requireCommand(request, context, params.id, 'translateMinutes');
  const language = interpreterLanguage(session);
  const form = await request.formData().catch(() => null);
  if (!form) return shown({ error: 'console.errors.form', typed: '' }, 400);
  const input = readTranslationForm(form, language);
  // The interpreter's text comes back with every refusal, beside the version it was for (whatever
  // address the form was posted to), so nothing typed is lost.
  const posted = /^\d{1,6}$/.test(String(form.get('version'))) ? await versionView(context, assembly.id, Number(form.get('version')), language) : null;
  if (!input.ok) return shown({ error: input.error, typed: input.typed, chosen: posted }, input.status);
  const result = await context.services.saveMinutesTranslation(assembly.id, input.version, language, input.markdown, input.revision);
  if (result.ok) return redirect(`/a/${assembly.id}/interpret/minutes?v=${input.version}`, { status: 303 });
  if (result.current === null) throw new Response('No such version of the minutes', { status: 404 });
  return shown({ conflict: result.current, typed: input.typed, chosen: posted }, 409);
}

export default function InterpretMinutes() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== 'idle';
  const chosen = (result && 'chosen' in result ? result.chosen : null) ?? data.chosen;
  const error = result && 'error' in result ? result.error : null;
  const conflict = result && 'conflict' in result ? result.conflict : null;
  const sentBack = result && 'typed' in result ? result.typed : null;
  return (
    <>
      {/* A plain form page with no live connection: no "Live" badge ([H7]). */}
      <AssemblyHeader title={data.title} subtitle={t('minutesTranslations.heading')} />
      {/* The same edges as the header's. */}
      <main className="px-4 py-6 sm:px-6">
        <div className="mx-auto grid max-w-5xl gap-6">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-lg">
              {t('minutesTranslations.yourLanguage')}{' '}
              <strong lang={data.language.code} dir={data.language.dir} data-testid="interpreter-language">
                {data.language.name}
              </strong>
            </p>
            <a href={`/a/${data.id}/interpret`} className="inline-flex min-h-11 items-center font-bold underline underline-offset-4">
              {t('minutesTranslations.toDesk')}
            </a>
          </div>
          {error && !chosen ? (
            <p role="alert" className="font-semibold text-red-800">
              {t(error)}
            </p>
          ) : null}
          {chosen ? (
            <MinutesTranslationForm
              // A new answer or a new stored revision starts the form afresh from it.
              key={`${chosen.version}:${chosen.translation.revision}:${result?.at ?? 0}`}
              assemblyId={data.id}
              version={chosen.version}
              original={chosen.original}
              language={data.language}
              stored={chosen.translation}
              text={sentBack ?? chosen.translation.markdown ?? ''}
              conflict={conflict}
              maxLength={data.maxLength}
              timeZone={data.timeZone}
              error={error}
              busy={busy}
            />
          ) : null}
          <TranslationVersions assemblyId={data.id} versions={data.versions} current={chosen?.version ?? null} timeZone={data.timeZone} />
        </div>
      </main>
    </>
  );
}
