import { readCookie } from './cookies';

/**
 * The name an attendee types when raising a hand, remembered on their phone only (a cookie scoped
 * to the assembly's pages), so they do not type it again. The server stores it nowhere else.
 */
const name = (assemblyId: string) => `plenary_name_${assemblyId}`;

export function nameCookie(assemblyId: string, value: string, secure: boolean): string {
  return [
    `${name(assemblyId)}=${encodeURIComponent(value)}`,
    `Path=/a/${assemblyId}`,
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${60 * 60 * 24 * 180}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function readNameCookie(request: Request, assemblyId: string): string {
  const raw = readCookie(request.headers.get('cookie'), name(assemblyId));
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}
