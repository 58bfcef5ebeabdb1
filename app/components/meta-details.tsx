import type { ReactNode } from 'react';
import { useTranslation } from '~/i18n/react';
import type { AssemblyMeta } from '~/model/meta';
import { formatWallTime } from '~/i18n/format';
import { useTimeZone } from '~/utils/use-time-zone';

/** When, where and in which languages: as the facilitators set them. */
export function MetaDetails({
  meta,
  say,
}: {
  meta: AssemblyMeta;
  /** Its headings in other languages than the page's (the projector's, [L51]). */ say?: (key: string) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const zone = useTimeZone(meta);
  // The start time as typed is the hall's clock: shown in the assembly's zone, with its name ([L34]).
  const when = meta.startsAt ? formatWallTime(i18n.language, meta.startsAt, zone) : null;
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
