import { useTranslation } from '~/i18n/react';
import type { AssemblyMeta } from '~/model/meta';

/** When, where and in which languages: as the facilitators set them. */
export function MetaDetails({ meta }: { meta: AssemblyMeta }) {
  const { t, i18n } = useTranslation();
  const when = meta.startsAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`${meta.startsAt}Z`))
    : null;
  return (
    <dl className="grid grid-cols-1 gap-3 text-lg sm:grid-cols-3">
      {when ? (
        <div>
          <dt className="text-sm font-bold uppercase text-stone-700">{t('attendee.when')}</dt>
          <dd data-testid="meta-when">{when}</dd>
        </div>
      ) : null}
      {meta.place ? (
        <div>
          <dt className="text-sm font-bold uppercase text-stone-700">{t('attendee.where')}</dt>
          <dd dir="auto">{meta.place}</dd>
        </div>
      ) : null}
      {meta.languages.length > 0 ? (
        <div>
          <dt className="text-sm font-bold uppercase text-stone-700">{t('attendee.languages')}</dt>
          <dd>{meta.languages.map((l) => t(`languages.${l}`, { defaultValue: l })).join(' · ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}
