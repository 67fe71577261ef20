import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

/** Largest part of the database file that SQLite reads through a memory map. */
export const MMAP_BYTES = 1024 ** 3;

/** The SQLite connection type used across repositories. */
export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database with WAL, `synchronous = FULL` and foreign keys on,
 * then applies pending migrations. FULL syncs the WAL at every commit, so a write that was
 * acknowledged is on disk and survives a power cut (NORMAL may drop the last commits).
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // read the file through a memory map instead of a read() call per page: a bbox query over 10^6
  // features looks up tens of thousands of rows (about half its CPU time went to those calls); the
  // mapped pages are the OS page cache, so they count in RSS but are not the process's own heap
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  migrate(db);
  return db;
}

/**
 * Applies every migration the database has not recorded, in the list's order, each in a transaction. A
 * version below the newest applied one still runs when it is missing (a step added after a later one
 * reached a database); a database without records trusts its `user_version` alone.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current = schemaVersion(db);
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]));
  const done = (version: number) => applied.has(version) || (applied.size === 0 && version <= current);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (done(m.version)) continue;
    // the pragma is a no-op inside a transaction, so it is switched around it
    const restoreForeignKeys = m.foreignKeysOff === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (restoreForeignKeys) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        const after = m.sqlAfter?.(db);
        db.exec(m.sql);
        if (after) db.exec(after);
        if (m.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new Error(`migration ${m.version} (${m.name}) left rows that break a foreign key`);
        }
        record.run(m.version, m.name, new Date().toISOString());
        db.pragma(`user_version = ${Math.max(m.version, schemaVersion(db))}`);
      })();
    } finally {
      if (restoreForeignKeys) db.pragma('foreign_keys = ON');
    }
  }
  return schemaVersion(db);
}

/** The schema version recorded in the database (0 when empty). */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
