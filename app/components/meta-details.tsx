import type { ReactNode } from 'react';
import { useTranslation } from '~/i18n/react';
import type { AssemblyMeta } from '~/model/meta';

/** When, where and in which languages: as the facilitators set them. */
export function MetaDetails({ meta, say }: { meta: AssemblyMeta; /** Its headings in other languages than the page's (the projector's, [L51]). */ say?: (key: string) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const when = meta.startsAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`${meta.startsAt}Z`))
    : null;
  return (
    <dl className="grid grid-cols-1 gap-3 text-lg sm:grid-cols-3">
      {when ? (
        <div>
          <dt className="text-sm font-bold uppercase text-stone-700">{(say ?? t)('attendee.when')}</dt>
          <dd data-testid="meta-when">{when}</dd>
        </div>
      ) : null}
      {meta.place ? (
        <div>
          <dt className="text-sm font-bold uppercase text-stone-700">{(say ?? t)('attendee.where')}</dt>
          <dd dir="auto">{meta.place}</dd>
        </div>
      ) : null}
      {meta.languages.length > 0 ? (
        <div>
          <dt className="text-sm font-bold uppercase text-stone-700">{(say ?? t)('attendee.languages')}</dt>
          <dd>{meta.languages.map((l) => t(`languages.${l}`, { defaultValue: l })).join(' · ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}
