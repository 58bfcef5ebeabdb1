import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { AssemblyHeader } from '~/components/assembly-header';
import { Button } from '~/components/ui/button';
import { Card } from '~/components/ui/card';
import { Input } from '~/components/ui/field';
import { languageFor } from '~/i18n/language.server';
import { UnavailableError } from '~/services';
import { requireRole } from '~/utils/guards.server';
import { draftFromAssembly } from '~/utils/minutes.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Plenary` : 'Plenary' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requireRole(request, context, params.id, ['facilitator']);
  const latest = await context.services.getMinutes(assembly.id);
  return json({ id: assembly.id, title: assembly.title, latest, versions: await context.services.listMinutes(assembly.id) }, { headers: { 'Cache-Control': 'no-store' } });
}

const Draft = z.object({
  intent: z.literal('draft'),
  attendance: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) <= 1_000_000), 'minutes.errors.attendance')
    .transform((v) => (v === '' ? null : Number(v))),
  includeNames: z.boolean(),
});
const Publish = z.object({ intent: z.literal('publish'), markdown: z.string().trim().min(1, 'minutes.errors.empty').max(500_000, 'minutes.errors.tooLong') });

/** Make a draft from the assembly, or publish the (edited) text as a new version. Plain forms. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly } = await requireRole(request, context, params.id, ['facilitator']);
  const form = await request.formData().catch(() => null);
  if (!form) return json({ error: 'console.errors.form' }, { status: 400 });
  if (form.get('intent') === 'publish') {
    const parsed = Publish.safeParse({ intent: 'publish', markdown: form.get('markdown') ?? '' });
    // The text comes back with the error, so nothing typed is lost.
    if (!parsed.success) return json({ error: parsed.error.issues[0].message, markdown: String(form.get('markdown') ?? '') }, { status: 400 });
    const version = await context.services.publishMinutes(assembly.id, parsed.data.markdown);
    return redirect(`/a/${assembly.id}/minutes?v=${version}`, { status: 303 });
  }
  const parsed = Draft.safeParse({ intent: form.get('intent'), attendance: form.get('attendance') ?? '', includeNames: form.get('includeNames') === 'on' });
  if (!parsed.success) return json({ error: parsed.error.issues[0].message }, { status: 400 });
  try {
    const draft = await draftFromAssembly(context, assembly, languageFor(request), parsed.data);
    return json({ draft });
  } catch (err) {
    if (err instanceof UnavailableError) return json({ error: 'errors.unavailable' }, { status: 503, headers: { 'Retry-After': '5' } });
    throw err;
  }
}

export default function MinutesEditor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== 'idle';
  const error = result && 'error' in result ? result.error : null;
  const attendanceError = error === 'minutes.errors.attendance' ? error : null;
  const draft = result && 'draft' in result ? result.draft : result && 'markdown' in result ? String(result.markdown) : null;
  return (
    <>
      {/* A plain form page with no live connection: no "Live" badge ([H7]). */}
      <AssemblyHeader title={data.title} subtitle={t('minutes.editHeading')} />
      <main className="mx-auto grid max-w-4xl gap-6 px-4 py-6">
        <Card>
          <h2 className="text-xl font-black">{t('minutes.makeDraft')}</h2>
          <p className="mt-1 text-stone-700">{t('minutes.draftHint')}</p>
          <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="draft" />
            <label className="grid gap-1 font-bold">
              {t('minutes.attendanceLabel')}
              <span className="text-sm font-normal text-stone-700">{t('minutes.attendanceHint')}</span>
              <Input name="attendance" inputMode="numeric" pattern="[0-9]*" aria-invalid={attendanceError ? true : undefined} />
              {attendanceError ? (
                <span role="alert" className="font-semibold text-red-800">
                  {t(attendanceError)}
                </span>
              ) : null}
            </label>
            <label className="flex min-h-11 items-center gap-2 self-end font-bold">
              <input type="checkbox" name="includeNames" className="h-5 w-5" />
              {t('minutes.includeNames')}
            </label>
            <Button type="submit" disabled={busy} className="sm:col-span-2 sm:justify-self-start">
              {t('minutes.makeDraft')}
            </Button>
          </Form>
        </Card>
        <Card>
          <h2 className="text-xl font-black">{t('minutes.reviewAndPublish')}</h2>
          <p className="mt-1 text-stone-700">{t('minutes.publishHint', { count: data.versions.length })}</p>
          <Form method="post" className="mt-3 grid gap-3">
            <input type="hidden" name="intent" value="publish" />
            <label htmlFor="minutes-text" className="font-bold">
              {t('minutes.text')}
            </label>
            <textarea
              id="minutes-text"
              name="markdown"
              rows={24}
              key={draft ?? data.latest?.version ?? 'empty'}
              defaultValue={draft ?? data.latest?.markdown ?? ''}
              className="rounded-lg border-2 border-stone-500 p-3 font-mono text-sm"
            />
            {error && !attendanceError ? (
              <p role="alert" className="font-semibold text-red-800">
                {t(error)}
              </p>
            ) : null}
            <Button type="submit" disabled={busy} className="justify-self-start">
              {t('minutes.publish')}
            </Button>
          </Form>
        </Card>
      </main>
    </>
  );
}
