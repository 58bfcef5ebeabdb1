import { readCookie } from './cookies';

/**
 * The facilitator's link, carried for a few minutes from the create form to the console so it can
 * be shown once. HttpOnly, scoped to the assembly's pages, cleared by the console when shown.
 */
const name = (assemblyId: string) => `plenary_key_${assemblyId}`;
// The assembly's path, not the console's: client-side navigation fetches `/a/<id>/facilitate.data`,
// which a cookie scoped to `/a/<id>/facilitate` would not reach.
const path = (assemblyId: string) => `/a/${assemblyId}`;

/**
 * Secure over HTTPS, decided like the session cookie's: by the request's scheme as Express sees it
 * (X-Forwarded-Proto from a loopback proxy), so the only copy of the key never travels in clear ([W13]).
 */
export function keyCookie(assemblyId: string, url: string, secure: boolean): string {
  return `${name(assemblyId)}=${encodeURIComponent(url)}; Path=${path(assemblyId)}; HttpOnly; SameSite=Lax; Max-Age=600${secure ? '; Secure' : ''}`;
}

export function clearKeyCookie(assemblyId: string): string {
  return `${name(assemblyId)}=; Path=${path(assemblyId)}; HttpOnly; SameSite=Lax; Max-Age=0`;
}

export function readKeyCookie(request: Request, assemblyId: string): string | null {
  return readCookie(request.headers.get('cookie'), name(assemblyId)) || null;
}
