import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { Card } from './ui/card';
import { Button } from './ui/button';
import { LanguageSwitcher } from './language-switcher';

/**
 * The `/j` page (ADR 022): one big field for the short join code read off the projector, for a
 * phone that cannot scan the QR. A plain form post that reloads the page (it works without
 * JavaScript, and the attendee page then loads whole with its new session). The language
 * switcher sits above it, as on every page ([L85]).
 */
export function JoinCodeForm({ code = '', error }: { code?: string; error: string | null }) {
  const { t } = useTranslation();
  return (
    <main className="mx-auto grid max-w-xl gap-4 px-4 py-6">
      {/* A worker who reads no English chooses first ([L85]): this page often comes before any other. */}
      <LanguageSwitcher />
      <Card>
        <h1 className="text-3xl font-black">{t('joinCode.heading')}</h1>
        <p className="mt-2 text-lg">{t('joinCode.intro')}</p>
        <Form method="post" action="/j" reloadDocument className="mt-4 grid gap-3" data-testid="join-code-form">
          <label htmlFor="join-code" className="text-xl font-black">
            {t('joinCode.label')}
          </label>
          <p id="join-code-hint" className="text-stone-800">
            {t('joinCode.hint')}
          </p>
          <input
            id="join-code"
            name="code"
            defaultValue={code}
            required
            maxLength={64}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            inputMode="text"
            enterKeyHint="go"
            aria-describedby={error ? 'join-code-hint join-code-error' : 'join-code-hint'}
            aria-invalid={error ? true : undefined}
            className="min-h-16 w-full min-w-0 rounded-lg border-4 border-stone-800 px-3 text-center font-mono text-4xl font-black uppercase tracking-[0.2em]"
          />
          <Button type="submit" className="min-h-14 text-xl">
            {t('joinCode.submit')}
          </Button>
          {error ? (
            <p id="join-code-error" role="alert" className="text-lg font-semibold text-red-800" data-testid="join-code-error">
              {t(error)}
            </p>
          ) : null}
        </Form>
      </Card>
    </main>
  );
}
