import type { Logger } from 'pino';
import type { Db } from '../db/database';
import { SEED_LOCK_KEY, withAdvisoryLock } from '../db/advisory-lock';
import { syncShippedCalendar } from '../features/calendar';
import { seedDemoData } from './demo';
import { isEmpty, seedDatabase } from './seed';
import { syncLayerDefinitions } from './sync';

/** Where the demo data comes from and where its photos go. */
export interface PrepareOptions {
  dataDir: string;
  uploadDir: string;
}

/** What {@link prepareDatabase} did. */
export type PrepareOutcome = 'seeded' | 'synced';

function syncWithDataFolder(db: Db, { dataDir }: PrepareOptions, log: Logger): void {
  try {
    const sync = syncLayerDefinitions(db, dataDir);
    if (sync.updated.length > 0 || sync.added.length > 0) log.info(sync, 'layer definitions brought up to date with the data folder');
    if (sync.schemaDiffers.length > 0) log.warn({ layers: sync.schemaDiffers }, 'stored layer schemas differ from the data folder; kept as stored (npm run seed reloads the demo data)');
  } catch (err) {
    // The database is complete without the data folder: serve it as stored.
    log.warn({ err: (err as Error).message, dataDir }, 'layer definitions not synced with the data folder; serving them as stored');
  }
  try {
    const years = syncShippedCalendar(db, dataDir);
    if (years.length > 0) log.info({ years }, 'working calendar: the data folder\'s years the database lacked were added');
  } catch (err) {
    log.warn({ err: (err as Error).message, dataDir }, 'working calendar not synced with the data folder; serving it as stored');
  }
}

/**
 * Readies a migrated database for serving: an empty one gets the demo district and the demo data, an existing
 * one its layer definitions and working calendar brought up to date with the data folder. The check and what
 * follows run under one advisory lock on PostgreSQL, so processes starting at once on an empty database seed it
 * once: the others wait, then find it seeded and only sync. (SQLite is one process.)
 */
export async function prepareDatabase(db: Db, options: PrepareOptions, log: Logger): Promise<PrepareOutcome> {
  return withAdvisoryLock(db, SEED_LOCK_KEY, async (): Promise<PrepareOutcome> => {
    if (!isEmpty(db)) {
      syncWithDataFolder(db, options, log);
      return 'synced';
    }
    const summary = seedDatabase(db, options.dataDir);
    const demo = await seedDemoData(db, { uploadDir: options.uploadDir });
    log.info({ layers: summary.layers.length, indicators: summary.indicators, accounts: demo.accounts, demoCases: demo.history.registered + demo.history.rejected, ms: demo.history.ms }, 'seeded the demo district into an empty database');
    return 'seeded';
  });
}
