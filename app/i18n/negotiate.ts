import { FALLBACK_LANGUAGE } from './i18n.js';

/**
 * The best of `supported` for an Accept-Language header (SPEC [L9]): by q-value (ties keep the
 * header's order), each tag matched whole (`pt-BR`), then by its base (`so-SO` → `so`), case
 * aside; a tag with q=0 is refused. Only the first 20 tags count: the header is the sender's.
 */
export function negotiate(accept: string, supported: readonly string[], fallback = FALLBACK_LANGUAGE): string {
  const byLower = new Map(supported.map((code) => [code.toLowerCase(), code]));
  const ranked = accept
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const match = byLower.get(tag) ?? byLower.get(tag.split('-')[0]);
    if (match) return match;
  }
  return fallback;
}
