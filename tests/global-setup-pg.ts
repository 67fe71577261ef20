import path from 'node:path';
import { PROJECT_ROOT } from '../server/src/config';
import { PgDatabase } from '../server/src/db/postgres';
import { openDatabase } from '../server/src/db/database';
import { seedDatabase } from '../server/src/seed/seed';
import { seedDemoAccounts } from '../server/src/seed/demo-accounts';
import { startTestCluster, type TestCluster } from './helpers/pg-cluster';
import { PG_DISTRICT_TEMPLATE, PG_TEMPLATE } from './helpers/test-db';

let cluster: TestCluster | undefined;

/**
 * The `server-pg` project's global setup: a throw-away PostgreSQL 15 + PostGIS cluster for the whole run, a
 * template database migrated once, which each test app copies (CREATE DATABASE … TEMPLATE takes ~50 ms), and a
 * second one seeded with the real demo district and the demo accounts (what `createCasesApp` would seed each time).
 */
export async function setup(): Promise<void> {
  cluster = await startTestCluster();
  const admin = new PgDatabase(cluster.url);
  admin.exec(`CREATE DATABASE ${PG_TEMPLATE}`);
  const templateUrl = new URL(cluster.url);
  templateUrl.pathname = `/${PG_TEMPLATE}`;
  const db = openDatabase(templateUrl.toString());
  // the console works in EPSG:4326 (and converts in JS): the copies need not carry PostGIS's 8,500 other systems
  db.exec('DELETE FROM spatial_ref_sys WHERE srid NOT IN (4326, 3857, 4490)');
  db.exec('VACUUM FULL spatial_ref_sys');
  db.close();
  admin.exec(`ALTER DATABASE ${PG_TEMPLATE} IS_TEMPLATE true`);
  admin.exec(`CREATE DATABASE ${PG_DISTRICT_TEMPLATE} TEMPLATE ${PG_TEMPLATE}`);
  templateUrl.pathname = `/${PG_DISTRICT_TEMPLATE}`;
  const district = openDatabase(templateUrl.toString());
  seedDatabase(district, path.join(PROJECT_ROOT, 'data'));
  await seedDemoAccounts(district);
  district.close();
  admin.exec(`ALTER DATABASE ${PG_DISTRICT_TEMPLATE} IS_TEMPLATE true`);
  admin.close();
  process.env.QINGBO_TEST_PG_URL = cluster.url;
}

/** Stops the cluster and deletes its folder. */
export function teardown(): void {
  cluster?.stop();
}
