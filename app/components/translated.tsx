import { createContext, useContext, type ElementType, type ReactNode } from 'react';
import { useTranslation } from '~/i18n/react';
import { shown, type Shown, type Translation } from '~/model/translations';

/**
 * The room's own words in one reader's language ([L70]–[L74], ADR 025): a text the room typed is
 * shown as its translation when an interpreter made one from the text as it is now, with the
 * original one tap away; as the original, marked out of date, when the text changed since; and as
 * the original, exactly as without translations, when there is none.
 *
 * A page gives the translations with `<TranslationsProvider>`; without one (a page nobody
 * interprets for, the console) every text is its original. The projector can nest a second
 * provider for its second language.
 */
export interface RoomTranslations {
  /** The translations' language tag (`lang` on a translated text). */
  language: string;
  /** Its writing direction, from the language's catalogue (`auto` when not known). */
  dir: 'ltr' | 'rtl' | 'auto';
  /** By source key (app/model/translations.ts). */
  entries: ReadonlyMap<string, Translation>;
}

const TranslationsContext = createContext<RoomTranslations | null>(null);

/** Gives the translations to every `<Translated>` under it (`null`: originals only). */
export function TranslationsProvider({ value, children }: { value: RoomTranslations | null; children: ReactNode }) {
  return <TranslationsContext.Provider value={value}>{children}</TranslationsContext.Provider>;
}

/** What to show for one source text under the nearest provider. */
export function useShown(k: string, source: string): { shown: Shown; language: string | null; dir: RoomTranslations['dir'] } {
  const room = useContext(TranslationsContext);
  if (!room) return { shown: { state: 'none', text: source }, language: null, dir: 'auto' };
  return { shown: shown(source, room.entries.get(k)), language: room.language, dir: room.dir };
}

type TextProps = {
  /** The source key (`itemTitleKey(id)`, `ANNOUNCEMENT_KEY`...). */
  k: string;
  /** The source text as the room has it now. */
  source: string;
  /** The element holding the text (default `span`, so it fits inside a heading or a line). */
  as?: ElementType;
  /**
   * Whether the "Original" / "out of date" note follows the text as a sibling (default). Inside
   * phrasing content (a `<p>`, a heading) pass false and put `<TranslationNote>` after the block:
   * a `<details>` may not sit in a paragraph (the HTML parser would break the paragraph there).
   */
  note?: boolean;
  className?: string;
  'data-testid'?: string;
};

/**
 * One text the room typed. The translation carries its language's `lang` and direction; an
 * original keeps `dir="auto"` ([L15]) and no `lang` (it is in whatever language it was typed).
 */
export function Translated({ k, source, as: As = 'span', note = true, className, 'data-testid': testId }: TextProps) {
  const { shown: s, language, dir } = useShown(k, source);
  const text =
    s.state === 'current' ? (
      <As lang={language ?? undefined} dir={dir} className={className} data-testid={testId} data-translation="current">
        {s.text}
      </As>
    ) : (
      <As dir="auto" className={className} data-testid={testId} data-translation={s.state === 'stale' ? 'stale' : undefined}>
        {s.text}
      </As>
    );
  if (!note || s.state === 'none') return text;
  return (
    <>
      {text}
      <TranslationNote k={k} source={source} />
    </>
  );
}

/**
 * Under a translated text: the original behind "Original" (a `<details>`, so it opens without
 * JavaScript); under a text whose translation is out of date, that marker (a status, so a screen
 * reader hears it when it appears) and the earlier translation behind a `<details>`. Nothing when
 * there is no translation.
 */
export function TranslationNote({
  k,
  source,
  className = '',
  announce = true,
}: {
  k: string;
  source: string;
  className?: string;
  /** False where the same text's marker is already a status elsewhere on the page (said once, not twice). */
  announce?: boolean;
}) {
  const { t } = useTranslation();
  const { shown: s, language, dir } = useShown(k, source);
  if (s.state === 'none') return null;
  // Its own size and weight: it may follow a large, black announcement or heading.
  const base = `text-base font-normal normal-case text-stone-950 ${className}`.trim();
  if (s.state === 'current') {
    return (
      <details className={base} data-testid="translation-original">
        <summary className="cursor-pointer py-1 font-semibold underline">{t('translated.original')}</summary>
        <p dir="auto" className="mt-1 whitespace-pre-line border-s-4 border-stone-500 ps-2">
          {s.original}
        </p>
      </details>
    );
  }
  return (
    <div className={`mt-1 ${base}`}>
      <p
        role={announce ? 'status' : undefined}
        className="inline-block rounded border-2 border-dashed border-stone-950 bg-white px-2 font-bold"
        data-testid="translation-stale"
      >
        {t('translated.outdated')}
      </p>
      <details data-testid="translation-earlier">
        <summary className="cursor-pointer py-1 font-semibold underline">{t('translated.earlier')}</summary>
        <p lang={language ?? undefined} dir={dir} className="mt-1 whitespace-pre-line border-s-4 border-stone-500 ps-2">
          {s.outdated}
        </p>
      </details>
    </div>
  );
}
