import { useTranslation } from '~/i18n/react';
import type { AgendaItem } from '~/model/agenda';
import { itemDescriptionKey, itemTitleKey } from '~/model/translations';
import { Translated, TranslationNote } from './translated';

/**
 * The agenda as the room follows it: where the room is, what is done, what comes next. Titles and
 * descriptions in the phone's language when an interpreter translated them ([L70], [L86]).
 */
export function AgendaView({ agenda, currentId }: { agenda: AgendaItem[]; currentId: string | null }) {
  const { t } = useTranslation();
  if (agenda.length === 0) return <p className="text-stone-700">{t('agenda.empty')}</p>;
  return (
    <ol className="divide-y-2 divide-stone-200" data-testid="agenda">
      {agenda.map((item) => {
        const current = item.id === currentId;
        return (
          <li
            key={item.id}
            aria-current={current ? 'step' : undefined}
            className={`py-3 ${current ? '-mx-2 rounded-lg border-4 border-amber-400 bg-amber-50 px-2' : ''} ${item.status !== 'pending' && !current ? 'text-stone-500' : ''}`}
          >
            <div className="flex items-baseline justify-between gap-3">
              <p className="min-w-0 text-lg font-bold">
                {current ? <span className="me-2 rounded bg-stone-950 px-2 py-0.5 text-sm text-white">{t('agenda.now')}</span> : null}
                <Translated k={itemTitleKey(item.id)} source={item.title} note={false} />
              </p>
              <span className="shrink-0 text-sm font-semibold">{t('agenda.minutes', { count: item.minutes })}</span>
            </div>
            {/* The current item's marker is said by its card above ("Now"). */}
            <TranslationNote k={itemTitleKey(item.id)} source={item.title} announce={!current} />
            <p className="text-sm">
              {t(`agenda.kinds.${item.kind}`)}
              {item.status === 'done' && !current ? ` · ${t('agenda.done')}` : ''}
              {item.status === 'skipped' ? ` · ${t('agenda.skipped')}` : ''}
              {item.presenter ? ` · ${t('agenda.presenter', { name: item.presenter })}` : ''}
            </p>
            {item.description ? (
              <Translated k={itemDescriptionKey(item.id)} source={item.description} as="p" className="text-sm" data-testid="item-description" />
            ) : null}
            {item.interpretation ? <p className="text-sm">{t('agenda.interpretation', { text: item.interpretation })}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
