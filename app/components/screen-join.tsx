import { useTranslation } from '~/i18n/react';
import { useScreenWords } from './screen-words';

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
 * `side` in the timers' column beside a running item (the words above the QR), `round` beside a
 * breakout round's tables. The QR and the code are sized by the screen's height, so they are the
 * same share of it at 720 and 1080 lines, and do not shrink when the rest of the type steps down
 * to fit ([N25]): its words too are sized by the screen's height.
 */
type Size = { box: string; qr: string; heading: string; at: string; code: string };
const SIZES: Record<'large' | 'side' | 'round', Size> = {
  large: { box: 'items-end', qr: 'w-[42vh] p-3', heading: 'text-[6vh]', at: 'max-w-[80vh] text-[3.6vh]', code: 'text-[11vh]' },
  side: { box: 'flex-col items-end', qr: 'w-[20vh] p-2', heading: 'text-[3.4vh]', at: 'max-w-[50vh] text-[2.6vh]', code: 'text-[6.5vh]' },
  round: { box: 'items-end', qr: 'w-[17vh] p-1.5', heading: 'text-[3vh]', at: 'max-w-[36vh] text-[2.2vh]', code: 'text-[5.5vh]' },
};

/**
 * Beside a running item in two languages ([L51]) the words take twice the lines in the timers'
 * column: there they are a little smaller and the QR a little less tall, so the timers and the
 * item keep their size rather than the whole wall stepping down for the join block.
 */
const TWO_LANGUAGES: Partial<Record<keyof typeof SIZES, Size>> = {
  side: { box: 'flex-col items-end', qr: 'w-[18vh] p-2', heading: 'text-[3vh]', at: 'max-w-[56vh] text-[2.2vh]', code: 'text-[6.5vh]' },
};

/**
 * "Join on your phone": the QR, and for a phone without a camera (or too far back to scan) the
 * short address and code, large ([N20]). The 43-character link itself is not shown: nobody can
 * type it from the back of a hall, and the QR carries it.
 */
export function ScreenJoin({ join, size }: { join: ScreenJoinData; size: keyof typeof SIZES }) {
  const { t } = useTranslation();
  const { say, languages } = useScreenWords();
  const s = (languages.length > 1 && TWO_LANGUAGES[size]) || SIZES[size];
  return (
    <section className={`flex min-w-0 justify-end gap-3 2xl:gap-5 ${s.box}`} aria-label={t('screen.join')} data-testid="join-block">
      <div className="flex min-w-0 flex-col items-end text-end">
        <p className={`font-black leading-tight ${s.heading}`}>{say('screen.join', undefined, 'stack')}</p>
        {join.code ? (
          <>
            <p className={`mt-1 leading-tight text-stone-200 [overflow-wrap:anywhere] ${s.at}`} data-testid="join-address">
              {/* The address is Latin letters and digits, set apart left to right: an Arabic sentence around it would turn `host/j` into `j/host`. */}
              {say('screen.codeAt', { address: `\u2066${join.address}\u2069` }, 'stack')}
            </p>
            <p className={`mt-1 whitespace-nowrap font-mono font-black leading-tight tracking-wider text-amber-300 ${s.code}`} data-testid="join-code">
              {join.code}
            </p>
          </>
        ) : (
          <p className={`mt-1 text-stone-200 ${s.at}`}>{say('screen.scan', undefined, 'stack')}</p>
        )}
      </div>
      <div
        className={`aspect-square shrink-0 bg-white [&>svg]:block [&>svg]:size-full ${s.qr}`}
        data-testid="join-qr"
        dangerouslySetInnerHTML={{ __html: join.qr }}
      />
    </section>
  );
}
