import type { AppLoadContext } from '@remix-run/node';
import { currentItemId } from '~/model/agenda';
import { readRound } from '~/model/breakouts';
import type { Role } from '~/services';

/**
 * The question a destructive press gets before it acts ([G6]): the console's answer to a press
 * without `confirm=yes`, rendered as a form (so it works without JavaScript).
 */
export type ConfirmQuestion =
  { intent: 'end-round'; itemId: string; tables: number; leftMs: number } | { intent: 'revoke'; linkId: string; role: Role; label: string | null };

/**
 * Ending a round while its tables still have time needs a second press; one whose time is up
 * (or that has already ended, or none) does not: the end-round command answers those as before.
 */
export async function askEndRound(context: AppLoadContext, assemblyId: string, itemId: string | null): Promise<ConfirmQuestion | null> {
  const found = await context.services.readDoc(`${assemblyId}/plenary`, (doc) => {
    const target = itemId || currentItemId(doc);
    return target ? { itemId: target, round: readRound(doc, target) } : null;
  });
  const round = found?.round;
  if (!found || !round || round.status !== 'running' || round.endsAt === null) return null;
  const leftMs = round.endsAt - context.services.now();
  if (leftMs <= 0) return null;
  return { intent: 'end-round', itemId: found.itemId, tables: round.tables.length, leftMs };
}

/** Revoking a live link always asks first: whoever holds it is cut off at once. */
export async function askRevoke(context: AppLoadContext, assemblyId: string, linkId: string, request: Request): Promise<ConfirmQuestion | null> {
  const link = (await context.services.listLinks(assemblyId, request)).find((l) => l.id === linkId && l.revokedAt === null);
  return link ? { intent: 'revoke', linkId, role: link.role, label: link.label ?? link.scope } : null;
}
