/**
 * PostgreSQL/PostGIS behind the repositories' synchronous API: {@link PgDatabase} (better-sqlite3's calling
 * convention over node-postgres in a worker thread), {@link openPostgres} (checks at start-up) and the errors
 * the rest of the server tells apart.
 */
export { PgDatabase, PgStatement, PgError, DatabaseUnavailableError, WRITE_LOCK_KEY, LOCK_WAIT_MS, type PgDatabaseOptions, type PgRunResult } from './pg-database';
export { openPostgres, DatabaseStartError } from './open';
export { translatePlaceholders } from './placeholders';
