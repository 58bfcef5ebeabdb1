/**
 * Errors that mean "storage cannot take writes right now" (a full or read-only disk, a locked or
 * vanished file), as opposed to a bug: the client is told 503 and to retry, never 500 ([W17]).
 */
const SQLITE = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|NOLFS)/;
const FS = new Set(['ENOSPC', 'EROFS', 'EDQUOT', 'EIO']);

export function isStorageUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (SQLITE.test(code) || FS.has(code));
}
