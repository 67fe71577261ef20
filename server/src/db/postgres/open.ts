import { DatabaseUnavailableError, PgDatabase, PgError, type PgDatabaseOptions } from './pg-database';

/** Start-up cannot use the configured PostgreSQL database; the message names the cause and the fix. */
export class DatabaseStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseStartError';
  }
}

/**
 * Connects to PostgreSQL and checks what the console needs before migrations run: the server answers, it is
 * PostgreSQL 15 or newer, and the PostGIS extension is installed on it (created by the first migration).
 * @throws DatabaseStartError naming the cause (unreachable, refused login, old server, no PostGIS).
 */
export function openPostgres(url: string, options: PgDatabaseOptions = {}): PgDatabase {
  const db = new PgDatabase(url, { connectTimeoutMs: 5_000, ...options });
  try {
    const version = db.prepare('SHOW server_version_num').pluck().get() as string;
    if (Number(version) < 150000) throw new DatabaseStartError(`PostgreSQL at ${db.name} is version ${version}; the console needs PostgreSQL 15 or newer`);
    const postgis = db.prepare("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'").pluck().get() as number;
    if (postgis === 0) {
      throw new DatabaseStartError(`PostGIS is not installed on the PostgreSQL server at ${db.name}: install it there (Debian: apt-get install postgresql-15-postgis-3), then start again`);
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof DatabaseStartError) throw err;
    if (err instanceof DatabaseUnavailableError) {
      throw new DatabaseStartError(`cannot reach PostgreSQL at ${db.name} (DATABASE_URL): ${err.message.replace(/^PostgreSQL is unavailable: /, '')}`);
    }
    if (err instanceof PgError) {
      const hint = err.code === '28P01' || err.code === '28000' ? ' (check the user and password in DATABASE_URL)'
        : err.code === '3D000' ? ' (create it first: createdb, see README "Running on PostgreSQL")' : '';
      throw new DatabaseStartError(`PostgreSQL at ${db.name} refused the connection: ${err.message}${hint}`);
    }
    throw err;
  }
}
