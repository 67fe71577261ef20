import path from 'node:path';
import request from 'supertest';
import { createApp, type App, type AppDeps } from '../../server/src/app';
import { PROJECT_ROOT, testConfig, type AppConfig } from '../../server/src/config';
import { openDatabase, type Db } from '../../server/src/db/database';
import { seedDatabase } from '../../server/src/seed/seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../../server/src/seed/demo-accounts';
import type { Role } from '@shared/auth';
import { writeFixtureDataDir } from './fixture-data';
import { createTestDatabaseUrl, openTestDatabase, PG_DISTRICT_TEMPLATE, testEngine } from './test-db';

/** An app over the fixture district with the demo accounts, and a way to sign in as any role. */
export interface SecuredApp {
  app: App;
  db: Db;
  config: AppConfig;
  /** The session cookie of the demo account of a role (signed in once, then reused). */
  cookieFor(role: Role): Promise<string>;
}

/**
 * Builds a fixture app with demo accounts over a fresh database of the engine under test (see test-db.ts), or over
 * `deps.db`; `overrides` change its configuration, `deps` add factory seams (logger, upload gates, photo writer).
 */
export async function createSecuredApp(overrides: Partial<AppConfig> = {}, dataDir = writeFixtureDataDir(), deps: Pick<AppDeps, 'log' | 'uploads'> & { db?: Db } = {}): Promise<SecuredApp> {
  // on PostgreSQL the real district comes seeded, with the demo accounts, from a template made once per run
  const seeded = !deps.db && testEngine() === 'postgres' && path.resolve(dataDir) === path.join(PROJECT_ROOT, 'data');
  const db = deps.db ?? (seeded ? openDatabase(createTestDatabaseUrl(PG_DISTRICT_TEMPLATE)) : openTestDatabase());
  if (!seeded) {
    seedDatabase(db, dataDir);
    await seedDemoAccounts(db);
  }
  const config = testConfig({ dataDir, ...overrides });
  const app = createApp({ db, config, log: deps.log, uploads: deps.uploads });
  const cookies = new Map<Role, string>();
  return {
    app, db, config,
    async cookieFor(role) {
      const cached = cookies.get(role);
      if (cached) return cached;
      const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
      const res = await request(app).post('/api/auth/login').send({ username: account.username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${res.text}`);
      const cookie = String(res.headers['set-cookie']![0]).split(';')[0]!;
      cookies.set(role, cookie);
      return cookie;
    },
  };
}
