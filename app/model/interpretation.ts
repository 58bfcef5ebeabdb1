/**
 * An agenda item's interpretation channels, read from the free text a facilitator types
 * ("Spanish ch. 2, Somali ch. 3", "es 2; so 91.5 MHz"). The text stays as typed in the document;
 * screens show each language by its own name (español, Soomaali) so a listener finds theirs
 * without reading English, and the channel exactly as entered ([P6]).
 */

/** One channel: the language's code when it could be recognised, the words typed, the channel. */
export interface Channel {
  code: string | null;
  typed: string;
  channel: string;
}

import { NAMED_LANGUAGES, OWN_NAMES } from './language-names.js';

/** Sign languages people type by their initials. */
const ALIASES: Record<string, string> = { asl: 'ase' };
const MAX_CHANNELS = 20;

/**
 * The language's name in that language (e.g. "Soomaali"), or null when none is known: from our
 * own list first (the same on the server and in every browser), else the runtime's locale data.
 */
export function nativeName(code: string): string | null {
  const own = OWN_NAMES[code];
  if (own) return own;
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
  } catch {
    return null;
  }
  if (!name || name.toLowerCase() === code.toLowerCase()) return null;
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

let byName: Map<string, string> | null = null;
function nameIndex(): Map<string, string> {
  if (byName) return byName;
  const index = new Map(Object.entries(ALIASES));
  const add = (name: string | undefined, code: string) => name && !index.has(name.toLowerCase()) && index.set(name.toLowerCase(), code);
  for (const code of NAMED_LANGUAGES) add(nativeName(code) ?? undefined, code);
  for (const locale of ['en', 'es']) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    } catch {
      continue;
    }
    for (const code of NAMED_LANGUAGES) add(names.of(code), code);
  }
  byName = index;
  return index;
}

/** The code for what was typed: a language's code, or a listed language's own, English or Spanish name. */
export function languageCode(typed: string): string | null {
  const word = typed.trim().toLowerCase();
  if (!word) return null;
  const named = nameIndex().get(word);
  if (named) return named;
  if (/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(word)) {
    try {
      const [canonical] = Intl.getCanonicalLocales(word);
      if (canonical && nativeName(canonical)) return canonical;
    } catch {
      return null;
    }
  }
  return null;
}

/** Where the channel starts: an optional channel word, then the first number. */
const CHANNEL = /^(.*?)[\s:=–—-]*((?:ch(?:an(?:nel)?)?\.?|canal|kanal|channel|frecuencia|freq\.?)?\s*\d.*)$/i;

/** The channels in an item's interpretation text (at most 20); entries are split by commas, semicolons or lines. */
export function parseChannels(text: string): Channel[] {
  const channels: Channel[] = [];
  for (const raw of text.split(/[;\n]|,(?!\d)/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const match = CHANNEL.exec(entry);
    const typed = (match ? match[1] : entry).replace(/[\s:=–—-]+$/, '').trim();
    const channel = match ? match[2].trim() : '';
    if (!typed) channels.push({ code: null, typed: entry, channel: '' });
    else channels.push({ code: languageCode(typed), typed, channel });
    if (channels.length >= MAX_CHANNELS) break;
  }
  return channels;
}
