import { Form } from '@remix-run/react';
import type { TFunction } from '~/i18n/i18n';
import { useTranslation } from '~/i18n/react';
import { formatRemaining } from '~/model/timers';
import type { ConfirmQuestion } from '~/commands/confirm.server';
import { CONFIRM_FIELD } from './confirm-button';
import { Button } from './ui/button';

/** The words of a confirmation question, the same in the dialog and in the page's form. */
export function questionText(t: TFunction, q: ConfirmQuestion): string {
  if (q.intent === 'end-round') return t('confirm.endRound', { count: q.tables, time: formatRemaining(q.leftMs) });
  return q.label ? t('confirm.revoke', { role: t(`roles.${q.role}`), label: q.label }) : t('confirm.revokeUnlabelled', { role: t(`roles.${q.role}`) });
}

/**
 * The second step of a destructive press made without JavaScript ([G6]): the server answered
 * with a question, and this form asks it, Confirm sending the same press with `confirm=yes`,
 * Cancel going back to the panel it came from untouched.
 */
export function ConfirmPrompt({ question, assemblyId }: { question: ConfirmQuestion; assemblyId: string }) {
  const { t } = useTranslation();
  const back = `/a/${assemblyId}/facilitate#${question.intent === 'end-round' ? 'breakouts' : 'links'}`;
  return (
    <section role="alertdialog" aria-labelledby="confirm-question" className="rounded-xl border-4 border-amber-400 bg-white p-4" data-testid="confirm-prompt">
      <h2 id="confirm-question" className="text-xl font-black" tabIndex={-1}>
        {questionText(t, question)}
      </h2>
      <Form method="post" className="mt-3">
        <input type="hidden" name="intent" value={question.intent} />
        {question.intent === 'end-round' ? (
          <input type="hidden" name="itemId" value={question.itemId} />
        ) : (
          <input type="hidden" name="linkId" value={question.linkId} />
        )}
        <Button type="submit" name={CONFIRM_FIELD} value="yes" variant="danger">
          {question.intent === 'end-round' ? t('confirm.endRoundYes') : t('confirm.revokeYes')}
        </Button>
      </Form>
      {/* A GET form, not a link: a link to this same address and a #panel would only scroll, and
          leave the question on screen. A form submission always loads the page afresh. */}
      <form method="get" action={back} className="mt-3">
        <Button type="submit" variant="secondary">
          {t('confirm.cancel')}
        </Button>
      </form>
    </section>
  );
}
