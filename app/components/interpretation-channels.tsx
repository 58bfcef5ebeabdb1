import type { ReactNode } from 'react';
import { useTranslation } from '~/i18n/react';
import { nativeName, parseChannels } from '~/model/interpretation';

/** How the list looks; the projector passes its own (`ROOM_CHANNELS`), so phones do not download it. */
export interface ChannelStyles {
  section: string;
  list: string;
  heading: string;
  chip: string;
  channel: string;
}

const PHONE: ChannelStyles = {
  section: '',
  list: 'mt-1 flex flex-wrap gap-2',
  heading: 'text-sm font-bold text-stone-800',
  chip: 'rounded-lg border-2 border-stone-400 bg-white px-2 py-1 text-lg',
  channel: 'font-black',
};

/**
 * The current item's interpretation channels ([P6]): each language by its own name, marked with
 * its language so a screen reader says it right, and the channel as the facilitator typed it.
 */
export function InterpretationChannels({
  text,
  styles = PHONE,
  className = '',
  heading,
}: {
  text: string | undefined;
  styles?: ChannelStyles;
  className?: string;
  /** The heading in other languages than the page's (the projector's, [L51]). */ heading?: ReactNode;
}) {
  const { t } = useTranslation();
  const channels = parseChannels(text ?? '');
  if (channels.length === 0) return null;
  const s = styles;
  return (
    <section className={`${s.section} ${className}`} data-testid="interpretation" aria-labelledby="interpretation-heading">
      <h2 id="interpretation-heading" className={s.heading}>
        {heading ?? t('interpretation.heading')}
      </h2>
      <ul className={s.list}>
        {channels.map((c, i) => {
          const name = (c.code && nativeName(c.code)) || c.typed;
          return (
            <li key={i} className={`min-w-0 [overflow-wrap:anywhere] ${s.chip}`} data-testid="interpretation-channel">
              {/* A name and its channel, side by side (not a sentence glued from fragments). */}
              <span lang={c.code ?? undefined}>{name}</span>
              {c.channel ? (
                <>
                  <span aria-hidden="true"> · </span>
                  <span className={s.channel}>{c.channel}</span>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
