import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from '@remix-run/react';
import { useEffect, useMemo } from 'react';
import { LANGUAGE_CHOICES, LANGUAGE_META } from './i18n/catalogues.server';
import { pageCatalogue } from './i18n/page-catalogues.server';
import { pageKind } from './i18n/page-kinds';
import { createI18n, FALLBACK_LANGUAGE } from './i18n/i18n';
import { languageFor } from './i18n/language.server';
import { I18nProvider, useTranslation } from './i18n/react';
import { useNonce } from './utils/nonce';
import { hostTimeZone } from './model/time-zone';
import { pageTitle } from './utils/page-title';
import stylesheet from './tailwind.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const language = languageFor(request);
  // Only this person's language travels to the page, with English for any key it lacks (ADR 021),
  // and of it only the keys this kind of page can show (ADR 031).
  const { catalogue, fallback } = pageCatalogue(language, pageKind(new URL(request.url).pathname));
  // `now`: the server's time when this page was made, so a page without JavaScript shows timers
  // as they stood then (not their full length).
  // `languages`: every language's code, own name and direction, for the switcher; `dir` from the
  // catalogue's own `_meta` (ADR 024), not from a list in code.
  return {
    language,
    dir: LANGUAGE_META[language].dir,
    languages: LANGUAGE_CHOICES,
    catalogue,
    fallback,
    now: Date.now(),
    // The server's zone: an assembly without its own shows its times in it ([L34]).
    timeZone: hostTimeZone(),
  };
}

/** Only an address no page answers ends here (each page has its own title, [N12]). */
export const meta: MetaFunction = ({ matches, error }) => (error ? pageTitle(matches, 'error', null, error) : []);

/**
 * The language changes only through a full-page form post, so actions need not resend the
 * catalogue; a navigation to another kind of page asks for that page's words (ADR 031).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl }) => pageKind(currentUrl.pathname) !== pageKind(nextUrl.pathname);

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const language = data?.language ?? FALLBACK_LANGUAGE;
  const i18n = useMemo(() => createI18n(language, data?.catalogue ?? {}, data?.fallback, data?.dir), [language, data?.catalogue, data?.fallback, data?.dir]);
  const nonce = useNonce();
  return (
    <html lang={language} dir={i18n.dir()}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-stone-50 font-sans text-stone-950 antialiased">
        <I18nProvider i18n={i18n}>{children}</I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

import { LanguageSwitcher } from './components/language-switcher';

export { LanguageSwitcher };

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isNetworkFailure(error)) return <OfflineNotice />;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = status === 400 || status === 401 || status === 403 || status === 404 ? t(`errors.${status}`) : t('errors.generic');
  return (
    <main className="mx-auto max-w-xl p-6">
      <p className="text-6xl font-black text-stone-700">{status}</p>
      <h1 className="mt-4 text-xl font-semibold">{message}</h1>
      <a href="/" className="mt-6 inline-block text-lg font-semibold underline">
        {t('errors.back')}
      </a>
      <LanguageSwitcher className="mt-8" />
    </main>
  );
}

/** A page change that never reached the server (the browser's fetch failed): not a server error. */
function isNetworkFailure(error: unknown): boolean {
  return !isRouteErrorResponse(error) && error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/**
 * The network dropped while a page was loading ([N2]): say so, and load the page again by itself
 * once the server answers, instead of a "500" that sends people back to the start.
 */
function OfflineNotice() {
  const { t } = useTranslation();
  useEffect(() => {
    const retry = async () => {
      try {
        const res = await fetch(location.href, { method: 'HEAD', cache: 'no-store' });
        if (res.status < 500) location.reload();
      } catch {
        // Still offline: try again at the next tick or when the browser says it is back.
      }
    };
    const timer = setInterval(retry, 5000);
    window.addEventListener('online', retry);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', retry);
    };
  }, []);
  return (
    <main className="mx-auto max-w-xl p-6">
      <h1 className="text-3xl font-black">{t('errors.offlineHeading')}</h1>
      <p role="status" className="mt-4 text-xl" data-testid="offline-notice">
        {t('errors.offline')}
      </p>
      <button type="button" onClick={() => location.reload()} className="mt-6 min-h-11 rounded-lg bg-stone-950 px-4 text-lg font-bold text-white">
        {t('errors.tryAgain')}
      </button>
    </main>
  );
}
