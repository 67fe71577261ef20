import { ConfigError, loadConfig } from '../server/src/config';
import { SEED_LOCK_KEY, withAdvisoryLock } from '../server/src/db/advisory-lock';
import { openDatabase } from '../server/src/db/database';
import { DatabaseStartError } from '../server/src/db/postgres';
import { SeedError } from '../server/src/seed/catalogue';
import { seedDatabase } from '../server/src/seed/seed';
import { seedDemoData } from '../server/src/seed/demo';

try {
  const config = loadConfig();
  // DATABASE_URL (PostgreSQL) when set, else the SQLite file; the URL is never printed (it may hold a password)
  const db = openDatabase(config.databaseUrl ?? config.dbFile);
  // under the start-up seed's lock: a server starting meanwhile on an empty database does not seed it twice
  const { summary, demo } = await withAdvisoryLock(db, SEED_LOCK_KEY, async () => {
    const summary = seedDatabase(db, config.dataDir);
    return { summary, demo: await seedDemoData(db, { uploadDir: config.uploadDir }) };
  }).finally(() => db.close());
  console.log(`Seeded ${config.databaseUrl ? 'the PostgreSQL database of DATABASE_URL' : config.dbFile} from ${config.dataDir}:`);
  for (const l of summary.layers) console.log(`  ${l.id.padEnd(24)} ${String(l.features).padStart(5)} features`);
  console.log(`  indicators               ${String(summary.indicators).padStart(5)}`);
  console.log(`  demo accounts created    ${String(demo.accounts).padStart(5)}`);
  console.log(`  Open311 demo key         ${demo.apiKey ? 'created' : ' kept'}`);
  const h = demo.history;
  console.log(h.created
    ? `  demo cases of 2011       ${String(h.registered).padStart(5)} registered (all closed), ${h.rejected} rejected, ${h.events} events, ${h.photos} photos in ${h.ms} ms`
    : '  demo cases of 2011        kept (already there)');
} catch (err) {
  if (err instanceof SeedError || err instanceof ConfigError || err instanceof DatabaseStartError) {
    console.error(`Seed failed: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
