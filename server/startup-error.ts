/**
 * A reason Plenary refuses to start that the person running it can act on. `server/main.ts`
 * prints its message as it is (no stack trace) and exits 1, as it does for a bad environment.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** Error codes that mean the file system refused us, not that Plenary has a bug. */
const FS_CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
};

/** What a file system error means in words, or null when it is not one. */
export function describeFsError(err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code && FS_CODES[code] ? `${FS_CODES[code]} (${code})` : null;
}
