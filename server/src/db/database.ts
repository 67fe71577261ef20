import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
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

/** Migrations for both engines live in migrate.ts (one list of steps, see migrations.ts). */
export { migrate, schemaVersion } from './migrate';
