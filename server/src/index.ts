import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';
import { SeedError } from './seed/catalogue';
import { DEMO_PASSWORD, enabledDemoAccounts } from './seed/demo-accounts';
import { DEMO_API_KEY, DEMO_API_KEY_NAME, demoApiKeyEnabled } from './open311/api-keys';

try {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const running = await startServer(config, log);
  log.info({ url: running.url, db: config.dbFile }, 'Qingbo One Map is listening');
  console.log(`\n  清波一张图 Qingbo One Map → ${running.url}\n`);
  const demo = enabledDemoAccounts(running.db);
  if (demo.length) {
    console.log(`  Demo accounts (演示账号), password "${DEMO_PASSWORD}" — switch them off with: npm run user -- demo off`);
    for (const a of demo) console.log(`    ${a.username.padEnd(12)} ${a.role.padEnd(11)} ${a.displayName}`);
    console.log('');
  }
  if (demoApiKeyEnabled(running.db)) console.log(`  Open311 demo api_key (演示密钥): ${DEMO_API_KEY} — switch it off with: npm run user -- apikey disable ${DEMO_API_KEY_NAME}\n`);
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
} catch (err) {
  if (err instanceof ConfigError || err instanceof SeedError) {
    console.error(err.message);
    process.exit(2);
  }
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port in use: ${(err as Error).message}. Set PORT to a free port.`);
    process.exit(2);
  }
  throw err;
}
