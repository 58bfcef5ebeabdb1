import { json, redirect, type AppLoadContext } from '@remix-run/node';
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '~/i18n/catalogues.server';
import { issueKey } from '~/i18n/issue-key';
import { readAgenda } from '~/model/agenda';
import { MAX_TABLES, tableId } from '~/model/breakouts';
import { ID_PATTERN } from '~/model/ids';
import { ROLES, type AssemblySummary } from '~/services';
import { CONFIRM_FIELD } from '~/components/confirm-button';
import { plainRefusal } from '~/utils/plain-refusal.server';
import { qrSvg } from '~/utils/qr.server';
import { endRoundOnServer, mintTableLinks, moveAction } from './breakouts.server';
import { askEndRound, askRevoke } from './confirm.server';
import { deleteSchedule } from './deletion.server';
import { refusalResponse } from './refusals.server';
import { votingRightsAction } from './voting-rights.server';

const MintSchema = z
  .object({
    intent: z.literal('mint'),
    role: z.enum(ROLES, { message: 'console.errors.roleInvalid' }),
    scope: z
      .string()
      .trim()
      .transform((v) => (v === '' ? null : v)),
    label: z
      .string()
      .trim()
      .max(100, 'console.errors.labelTooLong')
      .transform((v) => (v === '' ? null : v)),
    voiceOnly: z.boolean(),
  })
  .refine((v) => v.role !== 'note-taker' || v.scope, { message: 'console.errors.groupRequired', path: ['scope'] })
  .refine((v) => !v.scope || ID_PATTERN.test(v.scope), { message: 'console.errors.groupInvalid', path: ['scope'] });

/**
 * The facilitators' console commands ([C*], [V5], [BR9], [G6], [X4]): one form post, one intent,
 * applied by the server. The route's guard has checked the link may send them.
 */
export async function consoleCommand(context: AppLoadContext, assembly: AssemblySummary, request: Request) {
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
      return refusalResponse(err);
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
    return json({ deleteSchedule: await deleteSchedule(context.services, assembly.id) });
  }
  if (intent === 'move-member' || intent === 'move-table') return moveAction(context, assembly.id, form);
  if (intent === 'end-round' || intent === 'table-links') {
    try {
      if (intent === 'end-round') {
        const itemId = String(form.get('itemId') ?? '') || null;
        // Ending a round early asks first ([G6]); with JavaScript the dialog has asked already.
        const ask = form.get(CONFIRM_FIELD) === 'yes' ? null : await askEndRound(context, assembly.id, itemId);
        if (ask) return json({ confirm: ask });
        return json({ ended: await endRoundOnServer(context, assembly.id, itemId) });
      }
      return json({ tableLinks: await mintTableLinks(context, assembly.id, request) });
    } catch (err) {
      return refusalResponse(err);
    }
  }
  if (intent === 'revoke') {
    try {
      const linkId = String(form.get('linkId') ?? '');
      const ask = form.get(CONFIRM_FIELD) === 'yes' ? null : await askRevoke(context, assembly.id, linkId, request);
      if (ask) return json({ confirm: ask });
      const ok = await context.services.revokeLink(assembly.id, linkId);
      if (!ok) throw plainRefusal(request, 'errors.404', 404);
      return json({ revoked: true as const });
    } catch (err) {
      return refusalResponse(err);
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
        return refusalResponse(err);
      }
      if (!isItem) return json({ error: 'console.errors.groupInvalid', field: 'scopeItem' }, { status: 400 });
      if (!Number.isInteger(table) || table < 1 || table > MAX_TABLES) return json({ error: 'console.errors.tableInvalid', field: 'table' }, { status: 400 });
      scopeField = tableId(where, table);
    }
  } else if (form.get('role') === 'interpreter') {
    // An interpreter translates into one of the languages phones can be read in ([P30]).
    const language = String(form.get('language') ?? '');
    if (!SUPPORTED_LANGUAGES.includes(language)) return json({ error: 'console.errors.languageRequired', field: 'language' }, { status: 400 });
    scopeField = language;
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
    return json({ error: issueKey(issue, 'console.errors.form'), field: String(issue.path[0] ?? '') }, { status: 400 });
  }
  const { role, label } = parsed.data;
  const scope = role === 'note-taker' || role === 'interpreter' ? parsed.data.scope : null;
  const canVote = role !== 'attendee' || !parsed.data.voiceOnly;
  const minted = await context.services.mintLink(assembly.id, { role, scope, label, canVote }, request);
  return json({ minted: { url: minted.url, role, scope, label, qr: await qrSvg(minted.url) } });
}
