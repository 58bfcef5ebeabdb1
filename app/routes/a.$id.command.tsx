import { json, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from '@remix-run/node';
import { UnavailableError, type RequestSession } from '~/services';
import { requireCommand, requirePage } from '~/utils/guards.server';
import { nameCookie } from '~/utils/name-cookie.server';
import { phoneCommand, readPhoneState } from '~/commands/phone.server';

/**
 * The phone's command endpoint for its command queue ([N1]): the same commands as the attendee
 * page's plain form posts, answered in JSON (never a page, never a redirect), each with this
 * phone's own state after it, so the page needs no reload to show its hand, seat or ballot.
 * GET answers the phone's own state alone (the page asks again after a reconnection).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly, session } = await requirePage(request, context, params.id, 'room');
  const phone = await ownState(context, assembly.id, session);
  if (!phone) return json({ error: 'errors.unavailable' }, { status: 503, headers: { 'Retry-After': '5' } });
  return json({ phone }, { headers: { 'Cache-Control': 'no-store' } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly, session } = await requireCommand(request, context, params.id, 'phone');
  const form = await request.formData().catch(() => null);
  if (!form) return json({ ok: false, error: 'stack.errors.invalid' }, { status: 400 });
  const answer = await phoneCommand(context, assembly, session, form);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  if (answer.retryAfter) headers.set('Retry-After', String(answer.retryAfter));
  if (answer.name) headers.append('Set-Cookie', nameCookie(assembly.id, answer.name, new URL(request.url).protocol === 'https:'));
  const ok = answer.status < 300;
  // The phone's own state comes with a success; a refusal says why and changes nothing.
  const phone = ok ? await ownState(context, assembly.id, session) : undefined;
  return json({ ok, error: answer.error, phone }, { status: answer.status, headers });
}

/** The phone's own state, or null when the store cannot answer now (the phone asks again later). */
async function ownState(context: AppLoadContext, assemblyId: string, session: RequestSession) {
  try {
    const { also: _, ...phone } = await readPhoneState(context, assemblyId, session);
    return phone;
  } catch (err) {
    if (err instanceof UnavailableError) return null;
    throw err;
  }
}
