import { openDatabase, type Db } from '../../server/src/db/database';
import { PgDatabase } from '../../server/src/db/postgres';

/** The database a test template is copied from (migrated once by tests/global-setup-pg.ts). */
export const PG_TEMPLATE = 'qingbo_template';

/** The engine tests run against: PostgreSQL in the `server-pg` project (QINGBO_TEST_PG_URL set), SQLite otherwise. */
export function testEngine(): 'sqlite' | 'postgres' {
  return process.env.QINGBO_TEST_PG_URL ? 'postgres' : 'sqlite';
}

let admin: PgDatabase | undefined;
const created: string[] = [];
let counter = 0;

function adminConnection(): PgDatabase {
  const url = process.env.QINGBO_TEST_PG_URL;
  if (!url) throw new Error('no test PostgreSQL cluster: run this file in the server-pg project (npx vitest run --project server-pg …)');
  admin ??= new PgDatabase(url);
  return admin;
}

/**
 * A fresh, migrated, empty PostgreSQL database (a copy of the template) for one test app; returns its URL.
 * Dropped after the test file (tests/setup-pg.ts).
 */
export function createTestDatabaseUrl(): string {
  const db = adminConnection();
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  db.exec(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`);
  created.push(name);
  const url = new URL(process.env.QINGBO_TEST_PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** An empty migrated database of the engine under test: a fresh PostgreSQL database, or SQLite in memory. */
export function openTestDatabase(): Db {
  return testEngine() === 'postgres' ? openDatabase(createTestDatabaseUrl()) : openDatabase(':memory:');
}

/** Drops the databases this test process created (their connections are closed by force). */
export function dropTestDatabases(): void {
  if (!admin) return;
  for (const name of created.splice(0)) admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
