import { plainRefusal } from '~/utils/plain-refusal.server';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { z } from 'zod';
import { LanguageSwitcher } from '~/components/language-switcher';
import { Card } from '~/components/ui/card';
import { VotingCodeForm } from '~/components/voting-code-form';
import { type RequestSession } from '~/services';
import { refusalResponse } from '~/commands/refusals.server';
import { mayOpen, maySend } from '~/access/rules';
import { pageTitle } from '~/utils/page-title';

export { commandHeaders as headers } from '~/utils/command-headers';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'code', data?.title, error);

/**
 * A personal voting-code link (the QR on a check-in slip): `/a/<id>/code?c=<code>`. Opening it
 * shows the code and a button; it redeems nothing by itself, so a link preview or a prefetch
 * cannot use someone's code up. A phone that has not scanned the room's QR yet gets its session
 * on the room's public link when it presses the button ([V5]).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const assembly = params.id ? await context.services.getAssembly(params.id) : null;
  if (!assembly) throw plainRefusal(request, 'errors.404', 404);
  const session = await context.services.sessionFor(request, assembly.id);
  const holds = session !== null && mayOpen(session, 'room') && (await context.services.holdsVotingRight(assembly.id, session));
  const code = (new URL(request.url).searchParams.get('c') ?? '').slice(0, 40);
  // The title only to someone already in the room: an assembly id alone reveals nothing.
  const inRoom = session !== null && mayOpen(session, 'room');
  return json({ id: assembly.id, title: inRoom ? assembly.title : null, code, holds, inRoom }, { headers: { 'Cache-Control': 'no-store' } });
}

const Redeem = z.object({ intent: z.literal('redeem'), code: z.string().max(40) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const assembly = params.id ? await context.services.getAssembly(params.id) : null;
  if (!assembly) throw plainRefusal(request, 'errors.404', 404);
  const form = await request.formData().catch(() => null);
  const parsed = Redeem.safeParse(form ? Object.fromEntries(form) : null);
  if (!parsed.success) return json({ error: 'voting.errors.invalid' }, { status: 400 });
  let session: RequestSession | null = await context.services.sessionFor(request, assembly.id);
  const headers = new Headers();
  // A session opened here is handed over only with a code that worked ([V11]): otherwise anyone
  // who knows the assembly's id (it is in every address) would get a session on the public link
  // here, and replacing a leaked join QR would keep nobody out.
  let opened: { cookie: string } | null = null;
  if (!session) {
    const fresh = await context.services.openPublicSession(assembly.id, request);
    if (!fresh) return json({ error: 'voting.errors.noPublicLink' }, { status: 401 });
    session = fresh.session;
    opened = fresh;
  }
  if (!maySend(session, 'phone')) throw plainRefusal(request, 'errors.403', 403);
  const wait = await context.services.commandWait(assembly.id, session, 'code');
  if (wait > 0) return json({ error: 'stack.errors.tooMany' }, { status: 429, headers: { 'Retry-After': String(wait) } });
  try {
    await context.services.redeemVotingCode(assembly.id, session, parsed.data.code);
  } catch (err) {
    return refusalResponse(err);
  }
  if (opened) headers.append('Set-Cookie', opened.cookie);
  headers.set('Cache-Control', 'no-store');
  return redirect(`/a/${assembly.id}#vote`, { status: 303, headers });
}

export default function UseCode() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <main className="mx-auto grid max-w-xl gap-4 px-4 py-6">
      {/* The check-in desk's QR leads here first: the language can be chosen before anything else ([L85]). */}
      <LanguageSwitcher />
      {data.title ? <p className="text-sm font-bold uppercase text-stone-700">{data.title}</p> : null}
      <Card>
        <h1 className="text-2xl font-black">{t('voting.codePageTitle')}</h1>
        {data.holds ? (
          <p className="mt-3 text-lg font-semibold text-green-900" data-testid="has-right">
            {t('voting.codePageHolds')}
          </p>
        ) : (
          <>
            <p className="mt-2">{t('voting.codePageIntro')}</p>
            <VotingCodeForm code={data.code} error={result && 'error' in result ? result.error : null} />
          </>
        )}
        {data.inRoom ? (
          <a className="mt-4 inline-block font-bold underline" href={`/a/${data.id}`}>
            {t('voting.toAssembly')}
          </a>
        ) : null}
      </Card>
    </main>
  );
}
