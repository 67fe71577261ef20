import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';
import { openPostgres, PgDatabase, type PgDatabaseOptions } from './postgres';

/** Largest part of the database file that SQLite reads through a memory map. */
export const MMAP_BYTES = 1024 ** 3;

/** A SQLite connection (better-sqlite3). */
export type SqliteDb = Database.Database;

/**
 * The connection type used across repositories: better-sqlite3's API. On PostgreSQL the object is a
 * {@link PgDatabase}, which speaks the part of that API the repositories use (`prepare` with `get`/`all`/`run`/
 * `pluck`/`raw`, `exec`, `transaction`, `close`) synchronously; SQL that differs between the engines is chosen
 * with {@link isPostgres}, and SQLite-only calls (`pragma`, `function`) throw there.
 */
export type Db = Database.Database;

/** Which engine a connection talks to. */
export type Engine = 'sqlite' | 'postgres';

/** Whether the connection is PostgreSQL (a {@link PgDatabase}). */
export function isPostgres(db: Db): boolean {
  return (db as unknown) instanceof PgDatabase;
}

/** The engine behind a connection. */
export function engineOf(db: Db): Engine {
  return isPostgres(db) ? 'postgres' : 'sqlite';
}

/** The PostgreSQL connection behind `db` (for engine-specific calls); throws on SQLite. */
export function pgOf(db: Db): PgDatabase {
  if (!isPostgres(db)) throw new Error('not a PostgreSQL connection');
  return db as unknown as PgDatabase;
}

/** Whether a database target is a PostgreSQL URL rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * Opens a PostgreSQL/PostGIS database when `file` is a `postgres://` URL (checked: reachable, PostGIS available;
 * see `openPostgres`), else (creating if needed) the SQLite database with WAL, `synchronous = FULL` and foreign keys on,
 * then applies pending migrations. FULL syncs the WAL at every commit, so a write that was
 * acknowledged is on disk and survives a power cut (NORMAL may drop the last commits).
 */
export function openDatabase(file: string, pgOptions: PgDatabaseOptions = {}): Db {
  if (isPostgresUrl(file)) {
    const pg = openPostgres(file, pgOptions);
    try {
      migrate(pg as unknown as Db);
    } catch (err) {
      pg.close();
      throw err;
    }
    return pg as unknown as Db;
  }
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
