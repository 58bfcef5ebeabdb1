import { createContext, useContext, type ReactNode } from 'react';

/** One language's version of a text the room typed, as the wall shows it. */
export interface WallPart {
  text: string;
  /** The translation's language; null for the original (its language is whatever was typed). */
  language: string | null;
  dir: 'ltr' | 'rtl' | 'auto';
}

/** The versions of the text at `key` (its original is `source`) the wall shows, first language first. */
export type WallTexts = (key: string, source: string) => WallPart[];

const ORIGINAL_ONLY: WallTexts = (_key, source) => [{ text: source, language: null, dir: 'auto' }];
const WallTextsContext = createContext<WallTexts>(ORIGINAL_ONLY);

/** Gives the projector's bilingual texts ([L54]) to the wall's components. */
export function WallTextsProvider({ texts, children }: { texts: WallTexts; children: ReactNode }) {
  return <WallTextsContext.Provider value={texts}>{children}</WallTextsContext.Provider>;
}

/** The wall's versions of the room's texts; outside the projector, the original alone. */
export function useWallTexts(): WallTexts {
  return useContext(WallTextsContext);
}

/**
 * The attributes of the element that holds a wall text: with one version, its language and
 * direction (an original is `dir="auto"`, [L15]); with two, none (each column carries its own).
 */
export function wallAttributes(parts: readonly WallPart[]): { lang?: string; dir?: 'ltr' | 'rtl' | 'auto' } {
  if (parts.length !== 1) return {};
  return parts[0].language ? { lang: parts[0].language, dir: parts[0].dir } : { dir: 'auto' };
}

/**
 * A text the room typed, in the wall's languages ([L54]): one version as plain text, two side by
 * side in columns, each with its `lang` and `dir` and clamped on its own (`clamp`, e.g.
 * `line-clamp-3`, which the holder carries itself when there is one version).
 */
export function WallCells({ parts, clamp = '' }: { parts: readonly WallPart[]; clamp?: string }) {
  if (parts.length === 1) return <>{parts[0].text}</>;
  return (
    <span className="grid grid-cols-2 gap-x-6" data-testid="wall-columns">
      {parts.map((p, i) => (
        <span
          key={i}
          lang={p.language ?? undefined}
          dir={p.dir}
          className={`min-w-0 break-words ${clamp} ${i > 0 ? 'border-s-2 border-stone-600 ps-6' : ''}`}
          data-wall-part={p.language ?? 'original'}
        >
          {p.text}
        </span>
      ))}
    </span>
  );
}
