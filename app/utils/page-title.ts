import type { MetaDescriptor } from '@remix-run/node';

interface Match {
  id: string;
  data?: unknown;
}

/** Reads `a.b.c` from a catalogue, or null. */
function lookup(catalogue: unknown, key: string): string | null {
  let at: unknown = catalogue;
  for (const part of key.split('.')) {
    if (!at || typeof at !== 'object') return null;
    at = (at as Record<string, unknown>)[part];
  }
  return typeof at === 'string' ? at : null;
}

/**
 * Every page's `<title>` says which page it is, in the person's language, then the assembly
 * ([N12]): "Projector — May Day assembly — Plenary". Tabs, history and screen readers tell pages
 * apart by it. The words come from the catalogue the root loader sent (`titles.<page>`).
 */
export function pageTitle(matches: Match[], page: string, assembly?: string | null, error?: unknown): MetaDescriptor[] {
  const catalogue = (matches.find((m) => m.id === 'root')?.data as { catalogue?: unknown } | undefined)?.catalogue;
  const name = lookup(catalogue, error ? 'titles.error' : `titles.${page}`) ?? (error ? 'Error' : null);
  return [{ title: [name, assembly, 'Plenary'].filter(Boolean).join(' — ') }];
}
