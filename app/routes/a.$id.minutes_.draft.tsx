/**
 * The minutes draft as JSON, for the editor's autosave (ADR 017). Facilitators only. The editor
 * works without it (plain forms on /minutes/edit); this is the same save, answered in JSON so a
 * dropped connection shows as "not saved" on the page instead of replacing it.
 */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { requirePage } from '~/utils/guards.server';
import { readDraftText, readRevision } from '~/utils/minutes-draft.server';

const NO_STORE = { 'Cache-Control': 'no-store' };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requirePage(request, context, params.id, 'console');
  return json(await context.services.getMinutesDraft(assembly.id), { headers: NO_STORE });
}

/** `markdown` + `revision` → 200 `{revision, savedAt}`, or 409 `{current}` when the draft moved on. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly } = await requirePage(request, context, params.id, 'console');
  if (request.method !== 'POST') return json({ error: 'console.errors.form' }, { status: 405, headers: { ...NO_STORE, Allow: 'GET, POST' } });
  const form = await request.formData().catch(() => null);
  if (!form) return json({ error: 'console.errors.form' }, { status: 400, headers: NO_STORE });
  const revision = readRevision(form);
  if (typeof revision !== 'number') return json({ error: 'minutes.errors.revision' }, { status: 400, headers: NO_STORE });
  const text = readDraftText(form);
  if ('error' in text) return json({ error: text.error }, { status: 400, headers: NO_STORE });
  const result = await context.services.saveMinutesDraft(assembly.id, text.text, revision);
  if (!result.ok) return json({ current: result.current }, { status: 409, headers: NO_STORE });
  return json({ revision: result.draft.revision, savedAt: result.draft.savedAt }, { headers: NO_STORE });
}
