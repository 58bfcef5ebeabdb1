import type { HeadersFunction } from '@remix-run/node';

/**
 * Route `headers` for pages that take commands: a refusal's `Retry-After` reaches the browser
 * (Remix drops an action's headers otherwise, with or without JavaScript), and the loader's
 * `Cache-Control` stays.
 */
export const commandHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const out = new Headers();
  const cache = loaderHeaders.get('Cache-Control') ?? actionHeaders.get('Cache-Control');
  if (cache) out.set('Cache-Control', cache);
  const retry = actionHeaders.get('Retry-After');
  if (retry) out.set('Retry-After', retry);
  return out;
};
