import { createApp } from '../../server/src/app';
import { testConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { seedDatabase } from '../../server/src/seed/seed';
import { writeFixtureDataDir } from './fixture-data';

/** An app over an in-memory database seeded from `dataDir` (the small fixture by default). */
export function createTestApp(dataDir: string = writeFixtureDataDir()) {
  const db = openDatabase(':memory:');
  seedDatabase(db, dataDir);
  const config = testConfig({ dataDir });
  return { app: createApp({ db, config }), db, config };
}
