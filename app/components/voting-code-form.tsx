import { useTranslation } from '~/i18n/react';
import { Button } from './ui/button';
import { CommandForm, useCommandBusy } from './phone-commands';

/**
 * "Enter your voting code": a phone with no voting right yet redeems the code it was handed at
 * the check-in desk (a plain form post: it works without JavaScript). `action` posts elsewhere
 * than the page itself (the personal code link's page).
 */
export function VotingCodeForm({ error, code = '', action }: { error: string | null; code?: string; action?: string }) {
  const { t } = useTranslation();
  const busy = useCommandBusy();
  return (
    <CommandForm name="code" action={action} className="mt-3 grid gap-2" data-testid="voting-code-form">
      <input type="hidden" name="intent" value="redeem" />
      <label id="voting-code-label" htmlFor="voting-code" className="text-lg font-black">
        {t('voting.enterCode')}
      </label>
      <p id="voting-code-hint" className="text-stone-800">
        {t('voting.codeHint')}
      </p>
      <input
        id="voting-code"
        name="code"
        defaultValue={code}
        required
        maxLength={40}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-describedby="voting-code-hint"
        aria-invalid={error ? true : undefined}
        className="min-h-12 w-full min-w-0 rounded-lg border-2 border-stone-700 px-3 font-mono text-2xl uppercase tracking-widest"
      />
      <Button type="submit" aria-disabled={busy || undefined} className="justify-self-start text-lg">
        {t('voting.useCode')}
      </Button>
      {error ? (
        <p role="alert" className="font-semibold text-red-800" data-testid="code-error">
          {t(error)}
        </p>
      ) : null}
    </CommandForm>
  );
}
