import { plainRefusal } from './plain-refusal.server';
import type { AppLoadContext } from '@remix-run/node';
import type { AssemblySummary, RequestSession } from '~/services';
import { accessTo, maySend, mayOpen, parseDocName, type Access, type Command, type Grant, type Page } from '~/access/rules';

/**
 * The guards every assembly page's loader and action starts with; each asks app/access/rules.ts
 * and nothing else (ADR 026). They throw a Response: 404 for no such assembly, 401 without a live
 * link for it, 403 for a link the page, document or command is not for.
 */
async function requireSession(request: Request, context: AppLoadContext, assemblyId: string | undefined) {
  const assembly = assemblyId ? await context.services.getAssembly(assemblyId) : null;
  if (!assembly) throw plainRefusal(request, 'errors.404', 404);
  const session = await context.services.sessionFor(request, assembly.id);
  if (!session) throw plainRefusal(request, 'errors.401', 401);
  return { assembly, session, grant: grantOf(session) };
}

/** The checked credential of a request, as the rules take it. */
export function grantOf(session: RequestSession): Grant {
  return { id: session.linkId, assemblyId: session.assemblyId, role: session.role, scope: session.scope, canVote: session.canVote };
}

/** A signed-in session whose grant `allowed` accepts; 403 otherwise. */
async function requireAllowed(
  request: Request,
  context: AppLoadContext,
  assemblyId: string | undefined,
  allowed: (grant: Grant) => boolean,
): Promise<{ assembly: AssemblySummary; session: RequestSession }> {
  const { assembly, session, grant } = await requireSession(request, context, assemblyId);
  if (!allowed(grant)) throw plainRefusal(request, 'errors.403', 403);
  return { assembly, session };
}

/** A page that is not one document's view: opens for the roles `PAGES[page]` lists. */
export function requirePage(
  request: Request,
  context: AppLoadContext,
  assemblyId: string | undefined,
  page: Page,
): Promise<{ assembly: AssemblySummary; session: RequestSession }> {
  return requireAllowed(request, context, assemblyId, (grant) => mayOpen(grant, page));
}

/**
 * A page that shows one document (`docName(assemblyId)`): opens with the access its socket would
 * get ([X21]), `write` when the page is only for writers; `access` says whether to offer editing.
 */
export async function requireDocument(
  request: Request,
  context: AppLoadContext,
  assemblyId: string | undefined,
  docName: (assemblyId: string) => string,
  need: 'read' | 'write' = 'read',
): Promise<{ assembly: AssemblySummary; session: RequestSession; access: Exclude<Access, 'none'> }> {
  const { assembly, session, grant } = await requireSession(request, context, assemblyId);
  const doc = parseDocName(docName(assembly.id));
  if (!doc) throw plainRefusal(request, 'errors.404', 404);
  const access = accessTo(grant, doc);
  if (access === 'none' || (need === 'write' && access !== 'write')) throw plainRefusal(request, 'errors.403', 403);
  return { assembly, session, access };
}

/** A command (a form post the server applies): sent only by the roles `COMMANDS[command]` lists. */
export function requireCommand(
  request: Request,
  context: AppLoadContext,
  assemblyId: string | undefined,
  command: Command,
): Promise<{ assembly: AssemblySummary; session: RequestSession }> {
  return requireAllowed(request, context, assemblyId, (grant) => maySend(grant, command));
}

const encoded = new WeakMap<Uint8Array, string>();

/**
 * Base64 of `bytes`, once per array: a document's state is one shared array until it changes
 * ([PF24]), so a hall's phones get the same string (and the render's decoded document, keyed by it).
 */
export function toBase64(bytes: Uint8Array): string {
  let text = encoded.get(bytes);
  if (text === undefined) encoded.set(bytes, (text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')));
  return text;
}

/** The plenary document as it is on the server now, for server rendering (its readers only, [X22]). */
export async function plenaryState(context: AppLoadContext, assemblyId: string, session: RequestSession): Promise<string> {
  return toBase64(await context.services.docState(`${assemblyId}/plenary`, session));
}
