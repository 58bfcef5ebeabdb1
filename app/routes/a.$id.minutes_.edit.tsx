import { issueKey } from '~/i18n/issue-key';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect } from 'react';
import { useTranslation } from '~/i18n/react';
import { z } from 'zod';
import { AssemblyHeader } from '~/components/assembly-header';
import { Button } from '~/components/ui/button';
import { Card } from '~/components/ui/card';
import { Input } from '~/components/ui/field';
import { languageFor } from '~/i18n/language.server';
import { refusalResponse } from '~/commands/refusals.server';
import { requirePage } from '~/utils/guards.server';
import { draftFromAssembly } from '~/utils/minutes.server';
import { DRAFT_MAX_CHARS, readDraftText, readRevision, revisionWithoutDraft } from '~/utils/minutes-draft.server';
import { MinutesDraftForm } from '~/components/minutes-draft-form';
import { pageTitle } from '~/utils/page-title';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'minutesEdit', data?.title, error);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requirePage(request, context, params.id, 'console');
  const [latest, versions, draft] = await Promise.all([
    context.services.getMinutes(assembly.id),
    context.services.listMinutes(assembly.id),
    context.services.getMinutesDraft(assembly.id),
  ]);
  return json({ id: assembly.id, title: assembly.title, latest, versions, draft }, { headers: { 'Cache-Control': 'no-store' } });
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
const Publish = z.object({
  intent: z.literal('publish'),
  markdown: z.string().trim().min(1, 'minutes.errors.empty').max(DRAFT_MAX_CHARS, 'minutes.errors.tooLong'),
});

/** Every answer that shows the form again says when it was made, so the form starts afresh from it. */
const shown = <T extends object>(data: T, status = 200) => json({ ...data, at: Date.now() }, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * Plain forms ([D2]–[D4], ADR 017): make a draft from the assembly (into the box, saved by the
 * next save), save the draft, publish it, discard it. Save, publish and discard name the
 * revision they were based on; a stale one is a 409 that shows both texts.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly } = await requirePage(request, context, params.id, 'console');
  const form = await request.formData().catch(() => null);
  if (!form) return shown({ error: 'console.errors.form' }, 400);
  const intent = form.get('intent');
  const typed = readDraftText(form);
  const mine = 'text' in typed ? typed.text : '';
  const given = readRevision(form);
  // The facilitator's text comes back with every refusal, so nothing typed is lost.
  if (given === 'bad') return shown({ error: 'minutes.errors.revision', markdown: mine }, 400);
  const revision = given ?? (await revisionWithoutDraft(context, assembly.id));
  const conflict = async () => shown({ conflict: await context.services.getMinutesDraft(assembly.id), markdown: mine }, 409);
  const editPage = `/a/${assembly.id}/minutes/edit`;

  if (intent === 'publish') {
    const parsed = Publish.safeParse({ intent, markdown: form.get('markdown') ?? '' });
    if (!parsed.success) return shown({ error: issueKey(parsed.error.issues[0], 'console.errors.form'), markdown: mine }, 400);
    if (revision === null) return conflict();
    const result = await context.services.publishMinutesDraft(assembly.id, parsed.data.markdown, revision);
    if (!result.ok) return shown({ conflict: result.current, markdown: mine }, 409);
    return redirect(`/a/${assembly.id}/minutes?v=${result.version}`, { status: 303 });
  }
  if (intent === 'save') {
    if ('error' in typed) return shown({ error: typed.error, markdown: mine }, 400);
    if (revision === null) return conflict();
    const result = await context.services.saveMinutesDraft(assembly.id, typed.text, revision);
    if (!result.ok) return shown({ conflict: result.current, markdown: mine }, 409);
    return redirect(editPage, { status: 303 });
  }
  if (intent === 'discard') {
    if (revision === null) return conflict();
    if (form.get('confirm') !== 'yes') return shown({ confirmDiscard: true, markdown: mine });
    const result = await context.services.discardMinutesDraft(assembly.id, revision);
    if (!result.ok) return shown({ conflict: result.current, markdown: mine }, 409);
    return redirect(editPage, { status: 303 });
  }
  const parsed = Draft.safeParse({ intent, attendance: form.get('attendance') ?? '', includeNames: form.get('includeNames') === 'on' });
  if (!parsed.success) return shown({ error: issueKey(parsed.error.issues[0], 'console.errors.form') }, 400);
  try {
    return shown({ draft: await draftFromAssembly(context, assembly, languageFor(request), parsed.data) });
  } catch (err) {
    return refusalResponse(err, { at: Date.now() });
  }
}

export default function MinutesEditor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== 'idle';
  const error = result && 'error' in result ? result.error : null;
  const attendanceError = error === 'minutes.errors.attendance' ? error : null;
  const fresh = result && 'draft' in result ? result.draft : null;
  const sentBack = result && 'markdown' in result ? String(result.markdown) : null;
  const text = fresh ?? sentBack ?? data.draft.markdown ?? data.latest?.markdown ?? '';
  const conflict = result && 'conflict' in result ? result.conflict : null;
  // "Make a draft" is disabled while it works, which drops focus to <body>: the new draft is
  // what it made, so focus goes there ([N32]).
  const draftAt = fresh !== null ? (result?.at ?? null) : null;
  useEffect(() => {
    if (draftAt !== null) document.getElementById('minutes-text')?.focus();
  }, [draftAt]);
  return (
    <>
      {/* A plain form page with no live connection: no "Live" badge ([H7]). */}
      <AssemblyHeader title={data.title} subtitle={t('minutes.editHeading')} />
      <main className="mx-auto grid max-w-4xl gap-6 px-4 py-6">
        <Card>
          <h2 className="text-xl font-black">{t('minutes.makeDraft')}</h2>
          <p className="mt-1 text-stone-700">{t('minutes.draftHint')}</p>
          <p className="mt-1 text-stone-700">{t('minutes.draft.makeReplaces')}</p>
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
        <MinutesDraftForm
          // A new answer or a new stored revision starts the form afresh from it.
          key={`${data.draft.revision}:${result?.at ?? 0}`}
          assemblyId={data.id}
          text={text}
          unsaved={fresh !== null || (sentBack !== null && sentBack !== data.draft.markdown)}
          stored={data.draft}
          conflict={conflict}
          confirmDiscard={Boolean(result && 'confirmDiscard' in result)}
          error={error && !attendanceError ? error : null}
          versions={data.versions.length}
          busy={busy}
        />
      </main>
    </>
  );
}
