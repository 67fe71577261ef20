import { isPostgres, type Db } from './database';
import { MIGRATION_LOCK_KEY, withAdvisoryLockSync } from './advisory-lock';
import { MIGRATIONS, type Migration } from './migrations';
import { DatabaseStartError, PgError } from './postgres';

/**
 * Applies every migration the database has not recorded, in the list's order, each in a transaction, with the
 * step's SQLite `sql` or its `postgres` form. A version below the newest applied one still runs when it is
 * missing (a step added after a later one reached a database). On SQLite a database without records trusts its
 * `user_version` alone. On PostgreSQL the whole run holds a session-level advisory lock, so two processes
 * starting at once on an empty database migrate it once: the second waits, then finds every step recorded.
 * @returns the schema version afterwards.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  return isPostgres(db) ? migratePostgres(db, migrations) : migrateSqlite(db, migrations);
}

/** The schema version recorded in the database (0 when empty): SQLite's `user_version`, PostgreSQL's newest step. */
export function schemaVersion(db: Db): number {
  if (!isPostgres(db)) return db.pragma('user_version', { simple: true }) as number;
  if (db.prepare("SELECT to_regclass('schema_migrations') IS NULL").pluck().get() === true) return 0;
  return db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number;
}

function migratePostgres(db: Db, migrations: readonly Migration[]): number {
  withAdvisoryLockSync(db, MIGRATION_LOCK_KEY, () => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      try {
        db.transaction(() => {
          const sql = typeof m.postgres === 'function' ? m.postgres(db) : m.postgres;
          if (sql.trim() !== '') db.exec(sql);
          record.run(m.version, m.name, new Date().toISOString());
        })();
      } catch (err) {
        throw privilegeProblem(err, m) ?? err;
      }
    }
  });
  return schemaVersion(db);
}

/**
 * A start-up error naming the fix when a step needs a privilege the connecting user lacks: PostGIS is not a
 * trusted extension, so a superuser creates it in the database once, and the console's own user does the rest.
 */
function privilegeProblem(err: unknown, m: Migration): DatabaseStartError | undefined {
  if (!(err instanceof PgError) || err.code !== '42501') return undefined;
  const fix = /extension "postgis"/.test(err.message)
    ? 'have a superuser run CREATE EXTENSION postgis; in this database once (README "Running on PostgreSQL"), then start again'
    : 'grant it to the DATABASE_URL user or make that user the database\'s owner, then start again';
  return new DatabaseStartError(`migration ${m.version} (${m.name}) was refused: ${err.message}; ${fix}`);
}

function migrateSqlite(db: Db, migrations: readonly Migration[]): number {
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
