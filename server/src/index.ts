import cluster from 'node:cluster';
import { ConfigError, loadConfig } from './config';
import { isPostgres, pgOf, type Db } from './db/database';
import { createLogger } from './logger';
import { startServer } from './server';
import { startShapeWorker } from './tiles/shape-worker-client';
import { SeedError } from './seed/catalogue';
import { DatabaseStartError } from './db/postgres';
import { DEMO_PASSWORD, enabledDemoAccounts } from './seed/demo-accounts';
import { DEMO_API_KEY, DEMO_API_KEY_NAME, demoApiKeyEnabled } from './open311/api-keys';
import { CONFIG_EXIT_CODE, type WorkerReady } from './supervisor';

/** The start-up banner: the URL, the demo accounts and the demo api_key while they are enabled. */
function bannerLines(db: Db, url: string): string[] {
  const lines = ['', `  清波一张图 Qingbo One Map → ${url}`, ''];
  const demo = enabledDemoAccounts(db);
  if (demo.length) {
    lines.push(`  Demo accounts (演示账号), password "${DEMO_PASSWORD}" — switch them off with: npm run user -- demo off`);
    for (const a of demo) lines.push(`    ${a.username.padEnd(12)} ${a.role.padEnd(11)} ${a.displayName}`);
    lines.push('');
  }
  if (demoApiKeyEnabled(db)) lines.push(`  Open311 demo api_key (演示密钥): ${DEMO_API_KEY} — switch it off with: npm run user -- apikey disable ${DEMO_API_KEY_NAME}`, '');
  return lines;
}

try {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const running = await startServer(config, log);
  // the first polygon tile should not wait for the tile worker's start
  startShapeWorker();
  log.info({ url: running.url, db: isPostgres(running.db) ? `postgres ${pgOf(running.db).name}` : config.dbFile }, 'Qingbo One Map is listening');
  const banner = bannerLines(running.db, running.url);
  // under the supervisor the banner is printed once per run, not at every restart
  if (cluster.isWorker) process.send?.({ type: 'ready', url: running.url, banner } satisfies WorkerReady);
  else console.log(banner.join('\n'));
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
} catch (err) {
  // a bad DATABASE_URL, an unreachable server or a missing PostGIS: say which and stop (no restart loop)
  if (err instanceof ConfigError || err instanceof SeedError || err instanceof DatabaseStartError) {
    console.error(err.message);
    process.exit(CONFIG_EXIT_CODE);
  }
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port in use: ${(err as Error).message}. Set PORT to a free port.`);
    process.exit(CONFIG_EXIT_CODE);
  }
  throw err;
}
