import { openDatabase, type Db } from '../../server/src/db/database';
import { PgDatabase } from '../../server/src/db/postgres';

/** The database a test database is copied from (migrated once by tests/global-setup-pg.ts). */
export const PG_TEMPLATE = 'qingbo_template';
/** The same, seeded with the real demo district (`data/`) and the demo accounts. */
export const PG_DISTRICT_TEMPLATE = 'qingbo_district_template';

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
 * A fresh, migrated PostgreSQL database for one test app (a copy of the empty template, or of the one seeded with
 * the demo district); returns its URL.
 * Dropped after the test file (tests/setup-pg.ts).
 */
export function createTestDatabaseUrl(template: typeof PG_TEMPLATE | typeof PG_DISTRICT_TEMPLATE = PG_TEMPLATE): string {
  const db = adminConnection();
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  db.exec(`CREATE DATABASE ${name} TEMPLATE ${template}`);
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
