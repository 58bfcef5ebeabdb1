import { useTranslation } from 'react-i18next';
import { nativeName, parseChannels } from '~/model/interpretation';

const SIZES = {
  phone: { section: '', list: 'mt-1 flex flex-wrap gap-2', heading: 'text-sm font-bold text-stone-800', chip: 'rounded-lg border-2 border-stone-400 bg-white px-2 py-1 text-lg', channel: 'font-black' },
  // On the wall the heading sits on the channels' line: the item's view has no height to spare at 1280×720.
  room: { section: 'flex items-start gap-4', list: 'flex min-w-0 flex-1 flex-wrap gap-3', heading: 'mt-3 text-xl font-bold uppercase text-amber-300 2xl:text-3xl', chip: 'rounded-xl border-4 border-stone-500 px-3 py-0.5 text-3xl 2xl:text-5xl', channel: 'font-black text-amber-300' },
} as const;

/**
 * The current item's interpretation channels ([P6]): each language by its own name, marked with
 * its language so a screen reader says it right, and the channel as the facilitator typed it.
 */
export function InterpretationChannels({ text, size, className = '' }: { text: string | undefined; size: keyof typeof SIZES; className?: string }) {
  const { t } = useTranslation();
  const channels = parseChannels(text ?? '');
  if (channels.length === 0) return null;
  const s = SIZES[size];
  return (
    <section className={`${s.section} ${className}`} data-testid="interpretation" aria-labelledby={`interpretation-${size}`}>
      <h2 id={`interpretation-${size}`} className={s.heading}>
        {t('interpretation.heading')}
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
