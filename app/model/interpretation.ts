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

/** Languages looked up by name (in English, Spanish or their own name) when no code is typed. */
const KNOWN = [
  'en', 'es', 'so', 'hmn', 'om', 'am', 'vi', 'ar', 'fr', 'pt', 'zh', 'yue', 'ru', 'uk', 'ht', 'ko', 'tl', 'fil', 'ne', 'sw',
  'fa', 'ps', 'ti', 'my', 'km', 'lo', 'th', 'kar', 'hi', 'bn', 'ur', 'pa', 'ja', 'de', 'it', 'pl', 'tr', 'ku', 'qu', 'yo',
  'ig', 'ha', 'ln', 'rw', 'mam', 'kek', 'quc', 'ase',
];
const NAMED_IN = ['en', 'es'];
/** Sign languages people type by their initials. */
const ALIASES: Record<string, string> = { asl: 'ase', lsm: 'mfs' };
const MAX_CHANNELS = 20;

const displayNames = (locale: string) => {
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
  } catch {
    return null;
  }
};

/** The language's name in that language (e.g. "Soomaali"), or null when none is known. */
export function nativeName(code: string): string | null {
  const name = displayNames(code)?.of(code);
  if (!name || name.toLowerCase() === code.toLowerCase()) return null;
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

let byName: Map<string, string> | null = null;
function nameIndex(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(ALIASES));
  for (const code of KNOWN) {
    for (const locale of [...NAMED_IN, code]) {
      const name = displayNames(locale)?.of(code);
      if (name && !byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), code);
    }
  }
  return byName;
}

/** The code for what was typed: a code a name is known for, or a known language's name. */
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
