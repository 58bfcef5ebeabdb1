import { plainRefusal } from './plain-refusal.server';
import type { AppLoadContext } from '@remix-run/node';
import type { AssemblySummary, RequestSession, Role } from '~/services';

/**
 * The role guard every assembly page's loader and action starts with. Throws a Response:
 * 404 for no such assembly, 401 without a live link for it, 403 for a role the page is not for.
 */
export async function requireRole(
  request: Request,
  context: AppLoadContext,
  assemblyId: string | undefined,
  roles: readonly Role[],
  allow?: (session: RequestSession) => boolean,
): Promise<{ assembly: AssemblySummary; session: RequestSession }> {
  const assembly = assemblyId ? await context.services.getAssembly(assemblyId) : null;
  if (!assembly) throw plainRefusal(request, 'errors.404', 404);
  const session = await context.services.sessionFor(request, assembly.id);
  if (!session) throw plainRefusal(request, 'errors.401', 401);
  if (!roles.includes(session.role) || (allow && !allow(session))) {
    throw plainRefusal(request, 'errors.403', 403);
  }
  return { assembly, session };
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The plenary document as it is on the server now, for server rendering. */
export async function plenaryState(context: AppLoadContext, assemblyId: string): Promise<string> {
  return toBase64(await context.services.docState(`${assemblyId}/plenary`));
}

/** Every role but readers follows the plenary live. */
export const IN_THE_ROOM: readonly Role[] = ['facilitator', 'stack-keeper', 'note-taker', 'attendee'];
