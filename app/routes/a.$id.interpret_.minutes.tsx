/**
 * `/a/<id>/interpret/minutes`: an interpreter translates the published minutes into their link's
 * language ([L62], [P40]–[P44]). The list of published versions, each translated or not yet; for
 * one version (`?v=n`), its original beside the translation, saved by a plain form with a
 * revision check, so several interpreters of one language never overwrite each other silently.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { AssemblyHeader } from '~/components/assembly-header';
import { MinutesTranslationForm } from '~/components/minutes-translation-form';
import { TranslationVersions } from '~/components/translation-versions';
import { requireRole } from '~/utils/guards.server';
import { describeLanguage } from '~/utils/minutes-translations.server';
import { interpreterLanguage, readTranslationForm, versionParam } from '~/utils/translation-form.server';
import { pageTitle } from '~/utils/page-title';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'interpretMinutes', data?.title, error);

const NO_STORE = { 'Cache-Control': 'no-store' };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly, session } = await requireRole(request, context, params.id, ['interpreter']);
  const language = interpreterLanguage(session);
  const v = versionParam(new URL(request.url));
  const published = await context.services.listMinutes(assembly.id);
  const versions = await Promise.all(
    published.map(async (p) => ({ ...p, translated: (await context.services.getMinutesTranslation(assembly.id, p.version, language)).markdown !== null })),
  );
  let chosen = null;
  if (v !== null) {
    const original = await context.services.getMinutes(assembly.id, v);
    if (!original) throw new Response('No such version of the minutes', { status: 404 });
    chosen = { version: v, original: original.markdown, translation: await context.services.getMinutesTranslation(assembly.id, v, language) };
  }
  return json({ id: assembly.id, title: assembly.title, language: describeLanguage(language), versions, chosen }, { headers: NO_STORE });
}

/** Every answer that shows the form again says when it was made, so the form starts afresh from it. */
const shown = <T extends object>(data: T, status: number) => json({ ...data, at: Date.now() }, { status, headers: NO_STORE });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly, session } = await requireRole(request, context, params.id, ['interpreter']);
  const language = interpreterLanguage(session);
  const form = await request.formData().catch(() => null);
  if (!form) return shown({ error: 'console.errors.form', typed: '' }, 400);
  const input = readTranslationForm(form, language);
  // The interpreter's text comes back with every refusal, so nothing typed is lost.
  if (!input.ok) return shown({ error: input.error, typed: input.typed }, input.status);
  const result = await context.services.saveMinutesTranslation(assembly.id, input.version, language, input.markdown, input.revision);
  if (result.ok) return redirect(`/a/${assembly.id}/interpret/minutes?v=${input.version}`, { status: 303 });
  if (result.current === null) throw new Response('No such version of the minutes', { status: 404 });
  return shown({ conflict: result.current, typed: input.typed }, 409);
}

export default function InterpretMinutes() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== 'idle';
  const chosen = data.chosen;
  const error = result && 'error' in result ? result.error : null;
  const conflict = result && 'conflict' in result ? result.conflict : null;
  const sentBack = result && 'typed' in result ? result.typed : null;
  return (
    <>
      {/* A plain form page with no live connection: no "Live" badge ([H7]). */}
      <AssemblyHeader title={data.title} subtitle={t('minutesTranslations.heading')} />
      <main className="mx-auto grid max-w-6xl gap-6 px-4 py-6">
        <p className="text-lg">
          {t('minutesTranslations.yourLanguage')}{' '}
          <strong lang={data.language.code} dir={data.language.dir} data-testid="interpreter-language">
            {data.language.name}
          </strong>
        </p>
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
            error={error}
            busy={busy}
          />
        ) : null}
        <TranslationVersions assemblyId={data.id} versions={data.versions} current={chosen?.version ?? null} />
      </main>
    </>
  );
}
