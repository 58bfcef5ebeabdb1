/**
 * A fresh command id ([N1]): 128 random bits, base64url. `crypto.getRandomValues` works on plain
 * http too (a hall's LAN server), where `crypto.randomUUID` does not exist.
 */
export function randomCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
