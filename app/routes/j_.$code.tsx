import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { JoinCodeForm } from '~/components/join-code-form';
import { pageTitle } from '~/utils/page-title';
import { joinCodeAnswer } from '~/utils/join-code.server';

export { commandHeaders as headers } from '~/utils/command-headers';

export const meta: MetaFunction = ({ matches, error }) => pageTitle(matches, 'joinCode', null, error);

/**
 * `GET /j/<code>`: the code in the address opens the room as its link does ([N20]); a wrong one
 * shows the form again (404), with what was typed only if it could be a code.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const typed = params.code ?? '';
  const answer = await joinCodeAnswer(context, typed, request);
  if (answer instanceof Response) return answer;
  return json({ error: answer.error, code: answer.status === 404 ? typed : '' }, { status: answer.status, headers: { 'Cache-Control': 'no-store' } });
}

export default function JoinWithCodeInAddress() {
  const data = useLoaderData<typeof loader>();
  return <JoinCodeForm code={data.code} error={data.error} />;
}
