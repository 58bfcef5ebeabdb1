import { createContext, Fragment, useContext, useMemo, type ReactNode } from 'react';
import type { I18n, TFunction, TOptions } from '~/i18n/i18n';
import { useTranslation } from '~/i18n/react';

/** What a label says: a catalogue key (with `options`), or a sentence built from one language's `t`. */
export type Words = string | ((t: TFunction) => string);

/** How a label's languages sit: on one line with a dot between, or one above the other. */
export type WordsLayout = 'inline' | 'stack';

/** Says a label in every screen language ([L51]). */
export type Say = (what: Words, options?: TOptions, layout?: WordsLayout) => ReactNode;

const ScreenLanguagesContext = createContext<readonly I18n[] | null>(null);

/** Gives the projector's translators (one or two, the first leading) to the wall's components. */
export function ScreenLanguagesProvider({ languages, children }: { languages: readonly I18n[]; children: ReactNode }) {
  return <ScreenLanguagesContext.Provider value={languages}>{children}</ScreenLanguagesContext.Provider>;
}

/**
 * The projector's labels in its languages ([L51]): `say(key)` gives the label in each, every part
 * marked with its `lang` and `dir` (an Arabic label on an English page runs right to left, and a
 * screen reader says it in Arabic). In the page's own language alone it is the plain string, as on
 * any page. Two languages that say the same thing (a key one of them lacks reads in English) show
 * it once. Outside the projector, the page's language.
 */
export function useScreenWords(own?: readonly I18n[]): { say: Say; languages: readonly I18n[] } {
  const { i18n } = useTranslation();
  const given = useContext(ScreenLanguagesContext);
  // The projector's route, which provides the languages, passes them itself.
  const chosen = own ?? given;
  const languages = useMemo(() => (chosen && chosen.length ? chosen : [i18n]), [chosen, i18n]);
  const say = useMemo<Say>(
    () =>
      (what, options, layout = 'inline') =>
        sayIn(languages, i18n.language, what, options, layout),
    [languages, i18n.language],
  );
  return { say, languages };
}

function sayIn(languages: readonly I18n[], page: string, what: Words, options: TOptions | undefined, layout: WordsLayout): ReactNode {
  const parts: { language: string; dir: 'ltr' | 'rtl'; text: string }[] = [];
  for (const l of languages) {
    const text = typeof what === 'string' ? l.t(what, options) : what(l.t);
    if (!parts.some((p) => p.text === text)) parts.push({ language: l.language, dir: l.dir(), text });
  }
  if (parts.length === 1 && parts[0].language === page) return parts[0].text;
  return parts.map((p, i) => {
    const part = (
      <span lang={p.language} dir={p.dir} data-screen-lang={p.language}>
        {p.text}
      </span>
    );
    // Stacked, each line lines up with the page (a block with its own `dir` would align `text-end`
    // to its own end: an Arabic line flush left under English flush right).
    return layout === 'stack' ? (
      <span key={p.language} className="block">
        {part}
      </span>
    ) : (
      <Fragment key={p.language}>
        {i > 0 ? <span aria-hidden="true"> · </span> : null}
        {part}
      </Fragment>
    );
  });
}
