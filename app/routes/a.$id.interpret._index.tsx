import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { usePlenary } from '~/collab/use-plenary';
import { useTranslations } from '~/collab/use-translations';
import { AssemblyHeader } from '~/components/assembly-header';
import { InterpreterDesk } from '~/components/interpreter-desk';
import type { loader as rootLoader } from '~/root';
import { MAX_TRANSLATION, translationsDocName } from '~/model/translations';
import { plenaryState, requireCommand, requirePage, toBase64 } from '~/utils/guards.server';
import { saveTranslation } from '~/commands/translations.server';
import { UnavailableError, type RequestSession } from '~/services';
import { pageTitle } from '~/utils/page-title';

// A refused save's Retry-After (503) reaches the browser, and the loader's no-store stays.
export { commandHeaders as headers } from '~/utils/command-headers';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'interpret', data?.title, error);

/**
 * The interpreter's desk ([L20]–[L25], [P30]–[P34]): what the room has typed, item by item, each
 * beside its translation into the link's language. It reads what an attendee reads (the plenary)
 * and its own language's translations; it writes only through the action below.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly, session } = await requirePage(request, context, params.id, 'interpret');
  const language = session.scope ?? '';
  return json(
    {
      id: assembly.id,
      title: assembly.title,
      language,
      state: await plenaryState(context, assembly.id, session),
      translations: await translationsState(request, context, translationsDocName(assembly.id, language), session),
      minutesVersions: (await context.services.listMinutes(assembly.id)).length,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

/**
 * The language's translations as stored. After a save the server could not store (503), that
 * document holds it unsaved and cannot be read ([S6]): the page without JavaScript still comes back,
 * with the interpreter's text in its card (the action's answer) instead of an error page that
 * loses it; the other translations arrive over the socket once storage is back.
 */
async function translationsState(request: Request, context: LoaderFunctionArgs['context'], name: string, session: RequestSession): Promise<string> {
  try {
    return toBase64(await context.services.docState(name, session));
  } catch (err) {
    if (err instanceof UnavailableError && /form/i.test(request.headers.get('content-type') ?? '')) return '';
    throw err;
  }
}

/** One translation saved (a plain form post without JavaScript; a fetcher with it). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly, session } = await requireCommand(request, context, params.id, 'translate');
  const form = await request.formData().catch(() => null);
  if (!form) return json({ status: 400 as const, error: 'interpret.errors.invalid' }, { status: 400 });
  const answer = await saveTranslation(context, assembly.id, session, form);
  // A refused save sends the interpreter's text back, so a page without JavaScript keeps it.
  const mine = answer.status === 200 ? undefined : String(form.get('text') ?? '').slice(0, MAX_TRANSLATION);
  return json({ ...answer, mine }, { status: answer.status, headers: answer.status === 503 ? { 'Retry-After': '5' } : undefined });
}

export default function InterpreterPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() ?? null;
  const { t } = useTranslation();
  const languages = useRouteLoaderData<typeof rootLoader>('root')?.languages ?? [];
  const target = languages.find((l) => l.code === data.language);
  const plenary = usePlenary(data.id, data.state);
  const translations = useTranslations(data.id, data.language, data.translations, true);
  const languageName = target?.name ?? data.language;
  return (
    <>
      <AssemblyHeader title={plenary.meta.title || data.title} subtitle={t('interpret.heading', { language: languageName })} status={plenary.status} />
      <InterpreterDesk
        assemblyId={data.id}
        language={data.language}
        languageName={languageName}
        dir={target?.dir ?? 'auto'}
        doc={plenary.doc}
        currentId={plenary.currentId}
        translations={translations.entries}
        status={plenary.status}
        answer={answer}
        minutesVersions={data.minutesVersions}
      />
    </>
  );
}
