import { ConfigError, loadConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/database';
import { SeedError } from '../server/src/seed/catalogue';
import { seedDatabase } from '../server/src/seed/seed';
import { seedDemoAccounts } from '../server/src/seed/demo-accounts';

try {
  const config = loadConfig();
  const db = openDatabase(config.dbFile);
  const summary = seedDatabase(db, config.dataDir);
  const accounts = await seedDemoAccounts(db);
  db.close();
  console.log(`Seeded ${config.dbFile} from ${config.dataDir}:`);
  for (const l of summary.layers) console.log(`  ${l.id.padEnd(24)} ${String(l.features).padStart(5)} features`);
  console.log(`  indicators               ${String(summary.indicators).padStart(5)}`);
  console.log(`  demo accounts created    ${String(accounts).padStart(5)}`);
} catch (err) {
  if (err instanceof SeedError || err instanceof ConfigError) {
    console.error(`Seed failed: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
