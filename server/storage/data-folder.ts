/**
 * The data folder (DATA_DIR) as one process's own: checked writable, locked for as long as the
 * process lives, and its database checked before anything opens it. See
 * docs/decisions/016-data-folder-lock.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describeFsError, StartupError } from '../startup-error.js';

export const DATABASE_FILE = 'plenary.sqlite';
export const LOCK_FILE = 'plenary.lock';
export const SECRET_FILE = 'session-secret';

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A data folder this process holds; `release` lets another process have it. */
export interface DataFolder {
  dir: string;
  /** Where the SQLite database lives. */
  databaseFile: string;
  /** Notes that the database now exists, so a later start can tell an emptied file from a new one. */
  markDatabaseCreated(): void;
  release(): void;
}

function ensureWritable(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new StartupError(
      `Plenary cannot start: the data folder ${dir} cannot be made: ${describeFsError(err) ?? (err as Error).message}. Set DATA_DIR to a folder Plenary may write to.`,
    );
  }
  // Permission bits do not tell (root ignores them; a read-only mount ignores them too): try.
  const probe = path.join(dir, `.write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.unlinkSync(probe);
  } catch (err) {
    throw new StartupError(
      `Plenary cannot start: the data folder ${dir} is not writable: ${describeFsError(err) ?? (err as Error).message}. Give the user running Plenary write access to it, or set DATA_DIR to a writable folder.`,
    );
  }
}

/**
 * An exclusive SQLite lock on `plenary.lock`: SQLite takes a POSIX record lock on the file, which
 * the kernel drops when the process ends, however it ends (kill -9 included). With
 * `locking_mode = EXCLUSIVE` the lock taken by the first write is kept until the connection closes.
 */
function takeLock(dir: string): Database.Database {
  const file = path.join(dir, LOCK_FILE);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 0 });
  } catch (err) {
    throw new StartupError(`Plenary cannot start: ${file} cannot be opened: ${describeFsError(err) ?? (err as Error).message}.`);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, value TEXT NOT NULL); COMMIT;');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new StartupError(
        `Plenary cannot start: another Plenary process is using the data folder ${dir} (it holds ${file}). Two processes on one folder would each keep their own copy of every assembly. Stop the other one, or give this one its own DATA_DIR.`,
      );
    }
    throw new StartupError(`Plenary cannot start: ${file} cannot be locked: ${(err as Error).message}.`);
  }
  return db;
}

/**
 * Refuses a database file that has lost its contents: zero bytes while the folder shows it was
 * used before (a secret made, WAL files, or the lock's note that the database was created), or
 * a file that is not SQLite at all. Starting would make an empty database and answer 404 for
 * every assembly; refusing keeps the file as it is for the operator to restore.
 */
function checkDatabase(dir: string, lock: Database.Database): void {
  const file = path.join(dir, DATABASE_FILE);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return; // not there yet: a first start
  }
  if (size === 0) {
    const created = lock.prepare("SELECT 1 FROM facts WHERE key = 'database-created'").get() !== undefined;
    const signs = [created ? `${LOCK_FILE} records that the database was created` : null]
      .concat([SECRET_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`].map((f) => (fs.existsSync(path.join(dir, f)) ? `${f} exists` : null)))
      .filter(Boolean);
    if (signs.length === 0) return; // an empty file in a fresh folder: SQLite starts it
    throw new StartupError(
      `Plenary cannot start: the database ${file} is empty (0 bytes), but this data folder was used before (${signs.join(', ')}). Starting would look like an empty server. Restore ${file} from a backup; to start afresh on purpose, delete the file.`,
    );
  }
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(SQLITE_HEADER)) {
    throw new StartupError(`Plenary cannot start: ${file} is not a SQLite database. Restore it from a backup, or set DATA_DIR to another folder.`);
  }
}

/**
 * Makes the data folder this process's own: writable, locked against a second process, its
 * database checked. Throws a StartupError saying what to do otherwise; nothing is overwritten.
 */
export function openDataFolder(dir: string): DataFolder {
  ensureWritable(dir);
  const lock = takeLock(dir);
  try {
    checkDatabase(dir, lock);
  } catch (err) {
    lock.close();
    throw err;
  }
  let released = false;
  return {
    dir,
    databaseFile: path.join(dir, DATABASE_FILE),
    markDatabaseCreated() {
      lock.prepare("INSERT OR IGNORE INTO facts (key, value) VALUES ('database-created', ?)").run(new Date().toISOString());
    },
    release() {
      if (released) return;
      released = true;
      lock.close();
    },
  };
}
