import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { LanguageSwitcher } from '~/components/language-switcher';
import { Card } from '~/components/ui/card';
import { languageFor } from '~/i18n/language.server';
import { useTranslation } from '~/i18n/react';
import { pageTitle } from '~/utils/page-title';

/**
 * `GET /join/<token>` for a token that opens nothing ([L81]): server/http/api.ts answers every
 * live link itself and hands only a mistyped or revoked one on to this page. An old QR code is
 * the error a worker meets most, so it is a page in their language with the switcher and the way
 * in that still works: the join code on the projector (/j).
 */
export function loader({ request }: LoaderFunctionArgs) {
  // `Cache-Control: no-store` is already set for every /join address (server/http/api.ts).
  return json({}, { status: 404, headers: { 'Content-Language': languageFor(request) } });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'error');

export default function DeadLink() {
  const { t } = useTranslation();
  return (
    <main className="mx-auto grid max-w-xl gap-6 px-4 py-6">
      <Card>
        <h1 className="text-2xl font-black">{t('connection.deniedHeading')}</h1>
        <p className="mt-3 text-lg" data-testid="dead-link">
          {t('errors.deadLink')}
        </p>
        <a href="/j" className="mt-4 inline-flex min-h-11 items-center rounded-lg bg-stone-950 px-4 text-lg font-bold text-white">
          {t('titles.joinCode')}
        </a>
      </Card>
      <LanguageSwitcher />
    </main>
  );
}
