import { endedAt } from '../model/agenda.js';
import type { PlenaryServices } from '../services.js';

/**
 * When an assembly set to delete itself goes ([X4], ADR 012): `days` after it ends (the end of its
 * last agenda item), null until it has ended. Asked by the console and by the server's hourly sweep.
 */
export async function deleteSchedule(services: PlenaryServices, assemblyId: string): Promise<{ days: number; at: number | null } | null> {
  const days = await services.getDeleteAfter(assemblyId);
  if (days === null) return null;
  const ended = await services.readDoc(`${assemblyId}/plenary`, endedAt);
  return { days, at: ended === null ? null : ended + days * 24 * 3600_000 };
}
