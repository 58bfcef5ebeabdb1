import { json, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { z } from 'zod';
import { JoinCodeForm } from '~/components/join-code-form';
import { pageTitle } from '~/utils/page-title';
import { joinCodeAnswer } from '~/utils/join-code.server';

export { commandHeaders as headers } from '~/utils/command-headers';

export const meta: MetaFunction = ({ matches, error }) => pageTitle(matches, 'joinCode', null, error);

/** `GET /j`: the form for the projector's short join code ([N20]). */
export function loader() {
  return json({}, { headers: { 'Cache-Control': 'no-store' } });
}

const Typed = z.object({ code: z.string().max(64) });

/**
 * `POST /j`: the typed code opens the room as its link does ([N20]); guessing is limited before
 * this runs (server/http/join-code-limit.ts, [N21]).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  const parsed = Typed.safeParse(form ? Object.fromEntries(form) : null);
  if (!parsed.success) return json({ error: 'joinCode.errors.invalid', code: '' }, { status: 400, headers: { 'Cache-Control': 'no-store' } });
  const answer = await joinCodeAnswer(context, parsed.data.code, request);
  if (answer instanceof Response) return answer;
  return json({ error: answer.error, code: parsed.data.code }, { status: answer.status, headers: { 'Cache-Control': 'no-store' } });
}

export default function JoinWithCode() {
  const result = useActionData<typeof action>();
  return <JoinCodeForm code={result?.code ?? ''} error={result?.error ?? null} />;
}
