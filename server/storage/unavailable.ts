/**
 * Errors that mean "storage cannot take writes right now" (a full or read-only disk, a locked or
 * vanished file, a database server out of reach), as opposed to a bug: the client is told 503
 * and to retry, never 500 ([W17], [SO8]).
 */
const SQLITE = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|NOLFS)/;
const FS = new Set(['ENOSPC', 'EROFS', 'EDQUOT', 'EIO']);

/** The code of StorageUnavailableError. */
export const STORAGE_UNAVAILABLE = 'PLENARY_STORAGE_UNAVAILABLE';

/**
 * A networked store's "cannot reach the database now" (server/storage/postgres-db.ts wraps the
 * driver's connection errors in it), so callers need not know every driver's error codes.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  readonly code = STORAGE_UNAVAILABLE;
}

export function isStorageUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === STORAGE_UNAVAILABLE || SQLITE.test(code) || FS.has(code));
}
