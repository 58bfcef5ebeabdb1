import { plainRefusal } from '~/utils/plain-refusal.server';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requirePage } from '~/utils/guards.server';
import { readLanguageParam } from '~/utils/minutes-translations.server';

/**
 * `GET /a/<id>/minutes.md?v=<n>&lang=<code>`: a published version as a Markdown file (the latest
 * without v), in the language asked for ([L64]): its translation, or the original without `lang`.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly } = await requirePage(request, context, params.id, 'minutes');
  const v = new URL(request.url).searchParams.get('v');
  if (v !== null && !/^\d{1,6}$/.test(v)) return plainRefusal(request, 'errors.400', 400);
  const minutes = await context.services.getMinutes(assembly.id, v === null ? undefined : Number(v));
  if (!minutes) return plainRefusal(request, 'errors.404', 404);
  const lang = readLanguageParam(new URL(request.url));
  if (lang === 'bad') return plainRefusal(request, 'errors.400', 400);
  const code = lang === null || lang === 'original' ? null : lang.code;
  let markdown = minutes.markdown;
  if (code !== null) {
    const translation = await context.services.getMinutesTranslation(assembly.id, minutes.version, code);
    if (translation.markdown === null) return plainRefusal(request, 'errors.404', 404);
    markdown = translation.markdown;
  }
  return new Response(markdown, {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      // The file's name says which language it is in, so two downloads never overwrite each other.
      'Content-Disposition': `attachment; filename="minutes-${assembly.id}-v${minutes.version}${code ? `-${code}` : ''}.md"`,
      ...(code ? { 'Content-Language': code } : {}),
      'Cache-Control': 'no-store',
    },
  });
}
