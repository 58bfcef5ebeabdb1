import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { usePlenary } from '~/collab/use-plenary';
import { AssemblyHeader } from '~/components/assembly-header';
import { LiveControls } from '~/components/live-controls';
import { CopyField } from '~/components/copy-field';
import { AgendaEditor } from '~/components/agenda-editor';
import { BreakoutPanel } from '~/components/breakout-panel';
import { ProposalsPanel } from '~/components/proposals-panel';
import { DangerZone } from '~/components/danger-zone';
import { MetaDetails } from '~/components/meta-details';
import { MetaEditor } from '~/components/meta-editor';
import { RunPanel } from '~/components/run-panel';
import { Button } from '~/components/ui/button';
import { Card } from '~/components/ui/card';
import { Dialog } from '~/components/ui/dialog';
import { Field, Input, Select } from '~/components/ui/field';
import { LastFacilitatorLinkError, ROLES, UnavailableError, VoteError } from '~/services';
import { StackError } from '~/model/stack';
import { plenaryState, requireRole } from '~/utils/guards.server';
import { clearKeyCookie, readKeyCookie } from '~/utils/key-cookie.server';
import { qrSvg } from '~/utils/qr.server';
import { endRoundOnServer, mintTableLinks } from '~/utils/breakouts.server';
import { moveAction } from '~/utils/breakout-moves.server';
import { BreakoutError, MAX_TABLES, tableId } from '~/model/breakouts';
import { readAgenda } from '~/model/agenda';
import { VotingRightsPanel } from '~/components/voting-rights-panel';
import { votingRightsAction } from '~/utils/voting-rights.server';
import { pageTitle } from '~/utils/page-title';

export { commandHeaders as headers } from '~/utils/command-headers';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'console', data?.title, error);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requireRole(request, context, params.id, ['facilitator']);
  // A vote open before a restart is void now, and the console says so.
  await context.services.settleVotes(assembly.id);
  const links = await context.services.listLinks(assembly.id, request);
  const join = links.find((l) => l.role === 'attendee' && l.url);
  // The facilitator key stays on screen, across reloads, until they say they have saved it.
  if (new URL(request.url).searchParams.has('saved')) {
    return redirect(`/a/${assembly.id}/facilitate`, { status: 303, headers: { 'Set-Cookie': clearKeyCookie(assembly.id), 'Cache-Control': 'no-store' } });
  }
  const keyUrl = readKeyCookie(request, assembly.id);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  return json(
    {
      id: assembly.id,
      title: assembly.title,
      state: await plenaryState(context, assembly.id),
      links,
      join: join?.url ? { url: join.url, qr: await qrSvg(join.url) } : null,
      keyUrl,
      deleteSchedule: await context.services.deleteSchedule(assembly.id),
      minutesVersions: (await context.services.listMinutes(assembly.id)).length,
      voting: await context.services.votingCounts(assembly.id),
    },
    { headers },
  );
}

const MintSchema = z
  .object({
    intent: z.literal('mint'),
    role: z.enum(ROLES, { message: 'console.errors.roleInvalid' }),
    scope: z.string().trim().transform((v) => (v === '' ? null : v)),
    label: z.string().trim().max(100).transform((v) => (v === '' ? null : v)),
    voiceOnly: z.boolean(),
  })
  .refine((v) => v.role !== 'note-taker' || v.scope, { message: 'console.errors.groupRequired', path: ['scope'] })
  .refine((v) => !v.scope || /^[A-Za-z0-9_-]{1,64}$/.test(v.scope), { message: 'console.errors.groupInvalid', path: ['scope'] });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly } = await requireRole(request, context, params.id, ['facilitator']);
  const form = await request.formData().catch(() => null);
  if (!form) return json({ error: 'console.errors.form' }, { status: 400 });
  const intent = form.get('intent');
  if (intent === 'issue-rights' || intent === 'revoke-right') return votingRightsAction(context, assembly.id, intent, form);
  if (intent === 'open-vote' || intent === 'close-vote') {
    try {
      const proposalId = String(form.get('proposalId') ?? '');
      if (intent === 'open-vote') {
        await context.services.openVote(assembly.id, proposalId);
        return json({ opened: true as const });
      }
      await context.services.closeVote(assembly.id, proposalId);
      return json({ closed: true as const });
    } catch (err) {
      if (err instanceof VoteError) return json({ error: `proposals.errors.${err.code}` }, { status: 409 });
      if (err instanceof UnavailableError) return json({ error: 'errors.unavailable' }, { status: 503, headers: { 'Retry-After': '5' } });
      throw err;
    }
  }
  if (intent === 'delete') {
    // The facilitator types the assembly's title to confirm: a misclick cannot delete an assembly.
    if (String(form.get('confirm') ?? '').trim() !== assembly.title.trim()) return json({ error: 'console.deleteConfirmMismatch' }, { status: 400 });
    await context.services.deleteAssembly(assembly.id);
    return redirect('/?deleted=1', { status: 303 });
  }
  if (intent === 'delete-after') {
    const raw = String(form.get('days') ?? '').trim();
    const days = raw === 'never' ? null : /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    if (days !== null && !(Number.isInteger(days) && days >= 0 && days <= 365)) return json({ error: 'console.deleteDaysInvalid' }, { status: 400 });
    await context.services.setDeleteAfter(assembly.id, days);
    return json({ deleteSchedule: await context.services.deleteSchedule(assembly.id) });
  }
  if (intent === 'move-member' || intent === 'move-table') return moveAction(context, assembly.id, form);
  if (intent === 'end-round' || intent === 'table-links') {
    try {
      if (intent === 'end-round') return json({ ended: await endRoundOnServer(context, assembly.id, String(form.get('itemId') ?? '') || null) });
      return json({ tableLinks: await mintTableLinks(context, assembly.id, request) });
    } catch (err) {
      if (err instanceof BreakoutError) return json({ error: `round.errors.${err.code}` }, { status: err.code === 'no-round' ? 404 : 409 });
      if (err instanceof StackError) return json({ error: `stack.errors.${err.code}` }, { status: 409 });
      if (err instanceof UnavailableError) return json({ error: 'errors.unavailable' }, { status: 503, headers: { 'Retry-After': '5' } });
      throw err;
    }
  }
  if (intent === 'revoke') {
    try {
      const ok = await context.services.revokeLink(assembly.id, String(form.get('linkId') ?? ''));
      if (!ok) throw new Response('No such link', { status: 404 });
      return json({ revoked: true as const });
    } catch (err) {
      if (err instanceof LastFacilitatorLinkError) return json({ error: 'console.lastFacilitator' }, { status: 409 });
      throw err;
    }
  }
  // A note-taker link is for the plenary notes or for one table of a breakout item ([BR8]): the
  // table's id is `<itemId>-t<n>`, so a link made before the round exists lands on its table.
  const where = String(form.get('scopeItem') ?? '');
  let scopeField = String(form.get('scope') ?? '');
  if (form.get('role') === 'note-taker' && where) {
    if (where === 'plenary') scopeField = 'plenary';
    else {
      const table = Number(form.get('table'));
      let isItem: boolean;
      try {
        isItem = await context.services.readDoc(`${assembly.id}/plenary`, (doc) => readAgenda(doc).some((i) => i.id === where));
      } catch (err) {
        if (err instanceof UnavailableError) return json({ error: 'errors.unavailable' }, { status: 503, headers: { 'Retry-After': '5' } });
        throw err;
      }
      if (!isItem) return json({ error: 'console.errors.groupInvalid', field: 'scopeItem' }, { status: 400 });
      if (!Number.isInteger(table) || table < 1 || table > MAX_TABLES) return json({ error: 'console.errors.tableInvalid', field: 'table' }, { status: 400 });
      scopeField = tableId(where, table);
    }
  } else if (form.get('role') === 'note-taker' && scopeField !== 'plenary') {
    // Only the plenary notes or a breakout item's table: any other group opens a notes document
    // nobody reads (issue 12, defect 4).
    return json({ error: 'console.errors.groupRequired', field: 'scopeItem' }, { status: 400 });
  }
  const parsed = MintSchema.safeParse({
    intent,
    role: form.get('role'),
    scope: scopeField,
    label: form.get('label') ?? '',
    voiceOnly: form.get('voiceOnly') === 'on',
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json({ error: issue.message, field: String(issue.path[0] ?? '') }, { status: 400 });
  }
  const { role, label } = parsed.data;
  const scope = role === 'note-taker' ? parsed.data.scope : null;
  const canVote = role !== 'attendee' || !parsed.data.voiceOnly;
  const minted = await context.services.mintLink(assembly.id, { role, scope, label, canVote }, request);
  return json({ minted: { url: minted.url, role, scope, label, qr: await qrSvg(minted.url) } });
}

export default function FacilitatorConsole() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const { status, doc, meta, agenda, currentId, itemTimer, speakerTimer, announcement, round, proposals } = usePlenary(data.id, data.state, { presence: true });
  const current = agenda.find((i) => i.id === currentId) ?? null;
  const minted = result && 'minted' in result ? result.minted : null;
  // Every link made during this visit stays on screen (newest first) until the page is left:
  // making a second one must not hide the first before it was copied.
  const [mintedAll, setMintedAll] = useState<NonNullable<typeof minted>[]>([]);
  useEffect(() => {
    if (minted) setMintedAll((all) => (all.some((m) => m.url === minted.url) ? all : [minted, ...all]));
  }, [minted]);
  const shown = mintedAll.length > 0 ? mintedAll : minted ? [minted] : [];
  const error = result && 'error' in result ? result.error : null;
  // UTC on both sides, so the server's render and the browser's agree.
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

  return (
    <>
      <AssemblyHeader title={meta.title || data.title} subtitle={t('console.heading')} status={status}>
        <nav aria-label={t('console.pages')} className="flex flex-wrap gap-2">
          <a className="min-h-11 rounded-lg border-2 border-stone-950 px-3 py-2 font-bold" href={`/a/${data.id}/screen`} target="_blank" rel="noreferrer">
            {t('console.openScreen')}
          </a>
          <a className="min-h-11 rounded-lg border-2 border-stone-950 px-3 py-2 font-bold" href={`/a/${data.id}/stack`}>
            {t('console.openStack')}
          </a>
          <a className="min-h-11 rounded-lg border-2 border-stone-950 px-3 py-2 font-bold" href={`/a/${data.id}`}>
            {t('console.openAttendee')}
          </a>
        </nav>
      </AssemblyHeader>
      {data.keyUrl ? (
        <Dialog id="key" title={t('key.heading')}>
          <p className="mt-3 text-lg font-semibold text-red-900">{t('key.warning')}</p>
          <CopyField value={data.keyUrl} label={t('key.heading')} />
          <a href={`/a/${data.id}/facilitate?saved`} className="mt-4 inline-flex min-h-11 items-center rounded-lg bg-stone-950 px-4 font-bold text-white">
            {t('key.done')}
          </a>
        </Dialog>
      ) : null}
      <main className="mx-auto grid max-w-6xl gap-6 px-4 py-6 sm:px-6">
        <LiveControls status={status}>
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
          <Card aria-labelledby="run-heading" className="lg:sticky lg:top-4">
            <h2 id="run-heading" className="mb-3 text-xl font-black">
              {t('run.heading')}
            </h2>
            <RunPanel doc={doc} agenda={agenda} currentId={currentId} meta={meta} itemTimer={itemTimer} speakerTimer={speakerTimer} announcement={announcement} />
          </Card>
          <Card aria-labelledby="agenda-editor-heading">
            <AgendaEditor doc={doc} agenda={agenda} currentId={currentId} />
          </Card>
        </div>
        {current && (current.kind === 'breakout' || round) ? (
          <Card aria-labelledby="round-heading">
            <h2 id="round-heading" className="mb-3 text-xl font-black">
              {t('round.heading', { title: current.title })}
            </h2>
            <BreakoutPanel doc={doc} assemblyId={data.id} itemId={current.id} round={round} />
          </Card>
        ) : null}
        {current ? (
          <Card aria-labelledby="proposals-heading">
            <h2 id="proposals-heading" className="mb-3 text-xl font-black">
              {t('proposals.heading')} · {current.title}
            </h2>
            <ProposalsPanel doc={doc} itemId={current.id} proposals={proposals.filter((p) => p.itemId === current.id)} />
          </Card>
        ) : null}
        <Card aria-labelledby="voting-heading">
          <VotingRightsPanel assemblyId={data.id} counts={data.voting} />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-black">{t('console.details')}</h2>
          <MetaDetails meta={meta} />
          <MetaEditor doc={doc} meta={meta} />
        </Card>
        <Card aria-labelledby="links-heading">
          <h2 id="links-heading" className="text-xl font-black">
            {t('console.links')}
          </h2>
          <p className="mt-1 text-stone-800">{t('console.linksIntro')}</p>
          {data.join ? (
            <div className="mt-4 grid gap-4 sm:grid-cols-[1fr_12rem]">
              <div>
                <h3 className="font-bold">{t('console.joinLink')}</h3>
                <p className="text-sm text-stone-700">{t('console.joinLinkHint')}</p>
                <CopyField value={data.join.url} label={t('console.joinLink')} />
              </div>
              <div className="w-48 border-2 border-stone-300" data-testid="join-qr" dangerouslySetInnerHTML={{ __html: data.join.qr }} />
            </div>
          ) : null}
          {shown.map((m) => (
            <div key={m.url} className="mt-6 rounded-lg border-4 border-amber-400 p-4" data-testid="minted-link">
              <h3 className="font-black">{t('console.newLink')}</h3>
              <p className="font-semibold">
                {t(`roles.${m.role}`)}
                {m.scope ? ` · ${m.scope}` : ''}
                {m.label ? ` · ${m.label}` : ''}
              </p>
              <CopyField value={m.url} label={t('console.newLink')} />
              <div className="mt-3 w-48" dangerouslySetInnerHTML={{ __html: m.qr }} />
            </div>
          ))}
          {error ? (
            <p role="alert" className="mt-4 font-semibold text-red-800">
              {t(error)}
            </p>
          ) : null}
          <h3 className="mt-6 text-lg font-black">{t('console.mint')}</h3>
          <Form method="post" className="mt-2 grid gap-x-4 sm:grid-cols-3">
            <input type="hidden" name="intent" value="mint" />
            <Field id="role" label={t('console.role')}>
              {({ id }) => (
                <Select id={id} name="role" defaultValue="stack-keeper">
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id="scopeItem" label={t('console.group')} hint={t('console.groupHint')}>
              {({ id, describedBy }) => (
                <Select id={id} name="scopeItem" defaultValue="" aria-describedby={describedBy}>
                  <option value="">{t('console.groupNone')}</option>
                  <option value="plenary">{t('console.groupPlenary')}</option>
                  {agenda
                    .filter((i) => i.kind === 'breakout')
                    .map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.title}
                      </option>
                    ))}
                </Select>
              )}
            </Field>
            <Field id="table" label={t('console.table')} hint={t('console.tableHint')}>
              {({ id, describedBy }) => <Input id={id} name="table" type="number" min={1} max={MAX_TABLES} defaultValue="1" aria-describedby={describedBy} />}
            </Field>
            <Field id="label" label={t('console.label')} hint={t('console.labelHint')}>
              {({ id, describedBy }) => <Input id={id} name="label" maxLength={100} aria-describedby={describedBy} />}
            </Field>
            <label className="mb-4 flex min-h-11 items-center gap-2 font-bold sm:col-span-3">
              <input type="checkbox" name="voiceOnly" className="h-5 w-5" />
              {t('console.voiceOnly')}
            </label>
            <Button type="submit" className="sm:col-span-3 sm:justify-self-start">
              {t('console.create')}
            </Button>
          </Form>
          <ul className="mt-6 divide-y-2 divide-stone-200" data-testid="link-list">
            {data.links.map((link) => (
              <li key={link.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <p className="font-bold">
                    {t(`roles.${link.role}`)}
                    {link.scope ? ` · ${link.label ?? link.scope}` : ''}
                    {link.role === 'attendee' && !link.canVote ? ` · ${t('console.voiceOnly')}` : ''}
                  </p>
                  <p className="text-sm text-stone-700">
                    {link.label ?? (link.url ? t('console.joinLink') : t('console.noLabel'))} · {t('console.created', { date: dateFormat.format(new Date(link.createdAt)) })}
                  </p>
                </div>
                {link.revokedAt ? (
                  <span className="font-bold text-stone-600">{t('console.revoked')}</span>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="linkId" value={link.id} />
                    <Button variant="danger" type="submit">
                      {t('console.revoke')}
                    </Button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </Card>
        <Card aria-labelledby="minutes-heading">
          <h2 id="minutes-heading" className="text-xl font-black">
            {t('minutes.heading')}
          </h2>
          <p className="mt-1">{t('console.minutesIntro', { count: data.minutesVersions })}</p>
          <a className="mt-3 inline-flex min-h-11 items-center rounded-lg border-2 border-stone-950 px-4 font-bold" href={`/a/${data.id}/minutes/edit`}>
            {t('console.minutesEdit')}
          </a>
        </Card>
        <DangerZone title={data.title} schedule={data.deleteSchedule} />
        </LiveControls>
      </main>
    </>
  );
}
