import { useRouteLoaderData } from '@remix-run/react';
import type * as Y from 'yjs';
import { useY } from '~/collab/use-y';
import { useTranslation } from '~/i18n/react';
import { metaMap } from '~/model/meta';
import { readScreenLanguages, setScreenLanguages } from '~/model/screen-languages';
import type { loader as rootLoader } from '~/root';
import { Select } from './ui/field';

/**
 * The console's choice of the projector's languages ([L50]): a first language and, optionally, a
 * second, from the assembly's languages Plenary has a catalogue for (every catalogue when none of
 * them has one). Each change is written at once, and every projector follows it live.
 */
export function ScreenLanguagesForm({ doc, roomLanguages }: { doc: Y.Doc; roomLanguages: readonly string[] }) {
  const { t } = useTranslation();
  const [first = '', second = ''] = useY(metaMap(doc), () => readScreenLanguages(doc));
  const all = useRouteLoaderData<typeof rootLoader>('root')?.languages ?? [];
  const room = all.filter((l) => roomLanguages.includes(l.code));
  // A language chosen before the assembly's languages changed stays listed, so the lists show what the wall shows.
  const offered = (room.length ? room : all).concat(all.filter((l) => (l.code === first || l.code === second) && !room.includes(l)));
  const choose = (a: string, b: string) => setScreenLanguages(doc, a ? (b && b !== a ? [a, b] : [a]) : []);
  const options = (skip: string) =>
    offered
      .filter((l) => l.code !== skip)
      .map((l) => (
        <option key={l.code} value={l.code} lang={l.code} dir={l.dir}>
          {l.name}
        </option>
      ));
  return (
    <fieldset className="rounded-lg border-2 border-stone-300 p-3" aria-describedby="screen-languages-hint" data-testid="screen-languages">
      <legend className="px-1 font-bold">{t('screenLanguages.heading')}</legend>
      <p id="screen-languages-hint" className="text-sm text-stone-700">
        {t('screenLanguages.hint')}
      </p>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        <label className="block font-semibold">
          {t('screenLanguages.first')}
          <Select value={first} onChange={(e) => choose(e.target.value, second)} data-testid="screen-language-first">
            <option value="">{t('screenLanguages.own')}</option>
            {options('')}
          </Select>
        </label>
        <label className="block font-semibold">
          {t('screenLanguages.second')}
          <Select value={second} disabled={!first} onChange={(e) => choose(first, e.target.value)} data-testid="screen-language-second">
            <option value="">{t('screenLanguages.none')}</option>
            {options(first)}
          </Select>
        </label>
      </div>
    </fieldset>
  );
}
