import { createApp } from '../../server/src/app';
import { testConfig } from '../../server/src/config';
import { seedDatabase } from '../../server/src/seed/seed';
import { writeFixtureDataDir } from './fixture-data';
import { openTestDatabase } from './test-db';

/**
 * An app over a fresh database seeded from `dataDir` (the small fixture by default): SQLite in memory, or a new
 * PostgreSQL database in the `server-pg` project.
 */
export function createTestApp(dataDir: string = writeFixtureDataDir()) {
  const db = openTestDatabase();
  seedDatabase(db, dataDir);
  const config = testConfig({ dataDir });
  return { app: createApp({ db, config }), db, config };
}
