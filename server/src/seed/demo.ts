import type { Db } from '../db/database';
import { seedDemoHistory, type DemoHistorySummary } from '../features/cases';
import { seedDemoApiKey } from '../open311/api-keys';
import { seedDemoAccounts } from './demo-accounts';

/** What the demo seed added. */
export interface DemoSeedSummary {
  /** Demo accounts created. */
  accounts: number;
  /** Whether the Open311 demo key was created. */
  apiKey: boolean;
  /** The demo history of 2011. */
  history: DemoHistorySummary;
}

/**
 * The demo data beyond the district: one account per role, the Open311 demo
 * key and the case history of 2011. Idempotent: what exists is left alone.
 */
export async function seedDemoData(db: Db, options: { uploadDir: string }): Promise<DemoSeedSummary> {
  const accounts = await seedDemoAccounts(db);
  const apiKey = seedDemoApiKey(db);
  const history = await seedDemoHistory(db, options);
  return { accounts, apiKey, history };
}
