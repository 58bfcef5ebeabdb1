import { useTranslation } from '~/i18n/react';
import type { StackView } from '~/model/stack';
import { entryName } from './entry-name';

/** How many waiting entries the console lists before "and N more". */
const SHOWN = 8;

/**
 * The speakers' stack as the facilitator needs it mid-item ([P13]): who is speaking, who is next,
 * how many wait. Read-only: the stack-keeper runs it from their own screen, linked here.
 */
export function StackGlance({ stack, assemblyId }: { stack: StackView; assemblyId: string }) {
  const { t } = useTranslation();
  const more = stack.queue.length - SHOWN;
  return (
    <div className="grid gap-3" data-testid="stack-glance">
      <div>
        <p className="text-sm font-bold uppercase text-stone-700">{t('stack.nowSpeaking')}</p>
        <p className="text-lg font-black">{stack.speaker ? `${entryName(t, stack.speaker)} · ${t(`stack.kinds.${stack.speaker.kind}`)}` : t('stack.nobody')}</p>
      </div>
      {stack.closed ? <p className="font-semibold">{t('stack.closedNotice')}</p> : null}
      {stack.queue.length === 0 ? (
        <p>{t('stack.empty')}</p>
      ) : (
        <ol className="grid list-decimal gap-1 ps-6" aria-label={t('stack.nextUp')}>
          {stack.queue.slice(0, SHOWN).map((e) => (
            <li key={e.id}>
              <span dir="auto" className="font-bold">
                {entryName(t, e)}
              </span>{' '}
              · <span className="text-stone-700">{t(`stack.kinds.${e.kind}`)}</span>
            </li>
          ))}
        </ol>
      )}
      {more > 0 ? <p className="text-stone-700">{t('console.stackMore', { count: more })}</p> : null}
      <a className="inline-flex min-h-11 items-center justify-self-start rounded-lg border-2 border-stone-950 px-4 font-bold" href={`/a/${assemblyId}/stack`}>
        {t('console.openStack')}
      </a>
    </div>
  );
}
