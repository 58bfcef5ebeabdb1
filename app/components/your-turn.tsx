import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '~/i18n/react';
import type { StackView } from '~/model/stack';

/**
 * "It's your turn to speak", unmistakably ([N6]): when the stack-keeper calls this phone's hand,
 * a full-width banner (the announcer says it at once to screen readers; a buzz where the phone allows)
 * that the person dismisses; "You're next" before it. Which hands are this phone's only the
 * server can tell (`mine`).
 */
export function YourTurn({ stack, mine }: { stack: StackView; mine: string[] }) {
  const { t } = useTranslation();
  const calledId = stack.speaker && mine.includes(stack.speaker.id) ? stack.speaker.id : null;
  const next = stack.queue[0] && mine.includes(stack.queue[0].id) ? stack.queue[0] : null;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const buzzed = useRef<string | null>(null);

  useEffect(() => {
    if (!calledId || buzzed.current === calledId) return;
    buzzed.current = calledId;
    // A short double buzz; phones and browsers without it simply do nothing.
    if (typeof navigator !== 'undefined' && 'vibrate' in navigator) navigator.vibrate?.([250, 120, 250]);
  }, [calledId]);

  if (calledId && dismissed !== calledId) {
    return (
      // Fixed to the top of the screen: wherever the person had scrolled, it is in front of them.
      <section
        aria-labelledby="your-turn-heading"
        className="fixed inset-x-0 top-0 z-50 max-h-screen overflow-y-auto border-b-4 border-stone-950 bg-amber-300 p-4 text-stone-950 shadow-2xl sm:p-6"
        data-testid="your-turn"
      >
        <div className="mx-auto max-w-3xl">
          <h2 id="your-turn-heading" className="text-3xl font-black sm:text-4xl">
            {t('turn.yourTurn')}
          </h2>
          <p className="mt-1 text-lg font-semibold">{t('turn.yourTurnHint')}</p>
          <button type="button" onClick={() => setDismissed(calledId)} className="mt-3 min-h-12 rounded-lg bg-stone-950 px-5 text-lg font-bold text-white">
            {t('turn.dismiss')}
          </button>
        </div>
      </section>
    );
  }
  if (next) {
    return (
      <p className="sticky top-0 z-40 rounded-xl border-4 border-amber-400 bg-amber-50 p-3 text-2xl font-black" data-testid="you-are-next">
        {t('turn.next')}
      </p>
    );
  }
  return null;
}
