import { redirect, type AppLoadContext } from '@remix-run/node';

/**
 * What a typed join code comes to ([N20]): the redirect into the room with its session cookie
 * (as `/join/<token>` answers), or the refusal to show: 400 when it cannot be a code, 404 when no
 * live room has it. The refusal never says more (no assembly, no "revoked").
 */
export async function joinCodeAnswer(context: AppLoadContext, typed: string, request: Request): Promise<Response | { status: 400 | 404; error: string }> {
  const opened = await context.services.redeemJoinCode(typed, request);
  if (opened === 'invalid') return { status: 400, error: 'joinCode.errors.invalid' };
  if (opened === null) return { status: 404, error: 'joinCode.errors.unknown' };
  return redirect(opened.to, { status: 303, headers: { 'Set-Cookie': opened.cookie, 'Cache-Control': 'no-store' } });
}
