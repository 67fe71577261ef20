import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { AppConfig } from './config';
import { openDatabase, type Db } from './db/database';
import { createLogger } from './logger';
import { isEmpty, seedDatabase } from './seed/seed';
import { seedDemoData } from './seed/demo';
import { syncLayerDefinitions } from './seed/sync';
import { syncShippedCalendar } from './features/calendar';

/** A running console server. */
export interface RunningServer {
  server: Server;
  db: Db;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database (seeding the demo district when it is empty), builds the
 * app and listens on the configured host and port.
 */
export async function startServer(config: AppConfig, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const db = openDatabase(config.dbFile);
  if (isEmpty(db)) {
    const summary = seedDatabase(db, config.dataDir);
    const demo = await seedDemoData(db, { uploadDir: config.uploadDir });
    log.info({ layers: summary.layers.length, indicators: summary.indicators, accounts: demo.accounts, demoCases: demo.history.registered + demo.history.rejected, ms: demo.history.ms }, 'seeded the demo district into an empty database');
  } else {
    try {
      const sync = syncLayerDefinitions(db, config.dataDir);
      if (sync.updated.length > 0 || sync.added.length > 0) log.info(sync, 'layer definitions brought up to date with the data folder');
      if (sync.schemaDiffers.length > 0) log.warn({ layers: sync.schemaDiffers }, 'stored layer schemas differ from the data folder; kept as stored (npm run seed reloads the demo data)');
    } catch (err) {
      // The database is complete without the data folder: serve it as stored.
      log.warn({ err: (err as Error).message, dataDir: config.dataDir }, 'layer definitions not synced with the data folder; serving them as stored');
    }
    try {
      const years = syncShippedCalendar(db, config.dataDir);
      if (years.length > 0) log.info({ years }, 'working calendar: the data folder\'s years the database lacked were added');
    } catch (err) {
      log.warn({ err: (err as Error).message, dataDir: config.dataDir }, 'working calendar not synced with the data folder; serving it as stored');
    }
  }
  const app = createApp({ db, config, log });
  // on PostgreSQL one process at a time holds the clock job (an advisory lock on its listening connection)
  const clocks = setInterval(() => {
    void app.events.lead('clock-refresh').then((leads) => {
      if (leads) app.refreshClocks();
    }).catch((err: unknown) => {
      log.error({ err }, 'refreshing the case clocks failed');
    });
  }, config.clockRefreshMinutes * 60_000);
  clocks.unref();
  await app.events.ready();
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    server,
    db,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      clearInterval(clocks);
      app.notifications.close();
      const events = app.events.close();
      server.close(() => {
        void events.finally(() => {
          db.close();
          resolve();
        });
      });
      server.closeAllConnections();
    }),
  };
}
