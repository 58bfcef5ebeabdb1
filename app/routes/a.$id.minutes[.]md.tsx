import { plainRefusal } from '~/utils/plain-refusal.server';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireRole } from '~/utils/guards.server';

/** `GET /a/<id>/minutes.md?v=<n>`: a published version as a Markdown file (the latest without v). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requireRole(request, context, params.id, ['facilitator', 'stack-keeper', 'note-taker', 'attendee', 'reader']);
  const v = new URL(request.url).searchParams.get('v');
  if (v !== null && !/^\d{1,6}$/.test(v)) return plainRefusal(request, 'errors.400', 400);
  const minutes = await context.services.getMinutes(assembly.id, v === null ? undefined : Number(v));
  if (!minutes) return plainRefusal(request, 'errors.404', 404);
  return new Response(minutes.markdown, {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="minutes-${assembly.id}-v${minutes.version}.md"`,
      'Cache-Control': 'no-store',
    },
  });
}
