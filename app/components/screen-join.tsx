import { useTranslation } from '~/i18n/react';

/** What the projector's loader gives for the room's public join link. */
export interface ScreenJoinData {
  url: string;
  qr: string;
  /** The short code (`ABC-DEF`) typed at `address` ([N20]); null when the link has none. */
  code: string | null;
  /** Where to type it: `<host>/j`, the host from PUBLIC_URL or the request. */
  address: string;
}

/**
 * How big the join block is: `large` with no item running (joining is what the wall is for),
 * `compact` beside a running item, `round` beside a breakout round's tables. The QR's size is
 * a share of the screen's height, so it is whole and the same share at 720 and 1080 lines ([N25]).
 */
const SIZES = {
  large: { qr: 'w-[42vh] p-3', heading: 'text-4xl 2xl:text-6xl', at: 'text-2xl 2xl:text-4xl', code: 'text-7xl 2xl:text-9xl' },
  compact: { qr: 'w-[24vh] p-2', heading: 'text-2xl 2xl:text-4xl', at: 'text-xl 2xl:text-3xl', code: 'text-5xl 2xl:text-7xl' },
  round: { qr: 'w-[20vh] p-1.5', heading: 'text-2xl 2xl:text-4xl', at: 'text-lg 2xl:text-2xl', code: 'text-4xl 2xl:text-6xl' },
} as const;

/**
 * "Join on your phone": the QR, and for a phone without a camera (or too far back to scan) the
 * short address and code, large ([N20]). The 43-character link itself is not shown: nobody can
 * type it from the back of a hall, and the QR carries it.
 */
export function ScreenJoin({ join, size }: { join: ScreenJoinData; size: keyof typeof SIZES }) {
  const { t } = useTranslation();
  const s = SIZES[size];
  return (
    <section className="flex min-w-0 items-end justify-end gap-4 2xl:gap-6" aria-label={t('screen.join')} data-testid="join-block">
      <div className="min-w-0 text-right">
        <p className={`font-black leading-tight ${s.heading}`}>{t('screen.join')}</p>
        {join.code ? (
          <>
            <p className={`mt-1 leading-tight text-stone-200 [overflow-wrap:anywhere] ${s.at}`} data-testid="join-address">
              {t('screen.codeAt', { address: join.address })}
            </p>
            <p
              className={`mt-1 whitespace-nowrap font-mono font-black leading-none tracking-wider text-amber-300 ${s.code}`}
              data-testid="join-code"
            >
              {join.code}
            </p>
          </>
        ) : (
          <p className={`mt-1 text-stone-200 ${s.at}`}>{t('screen.scan')}</p>
        )}
      </div>
      <div className={`aspect-square shrink-0 bg-white ${s.qr}`} data-testid="join-qr" dangerouslySetInnerHTML={{ __html: join.qr }} />
    </section>
  );
}
