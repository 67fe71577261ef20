import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { AppConfig } from './config';
import { openDatabase, type Db } from './db/database';
import { createLogger } from './logger';
import { prepareDatabase } from './seed/seed-once';

/** How long start-up waits for the live-event bus to listen (PostgreSQL) before serving without it. */
const LISTEN_WAIT_MS = 10_000;

/** A running console server. */
export interface RunningServer {
  server: Server;
  db: Db;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database (seeding the demo district when it is empty, once across processes), builds the
 * app and listens on the configured host and port.
 */
export async function startServer(config: AppConfig, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const db = openDatabase(config.databaseUrl ?? config.dbFile);
  await prepareDatabase(db, config, log);
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
  // live events from other processes flow once the bus listens; a listening connection still missing after
  // LISTEN_WAIT_MS (it keeps retrying) does not hold the rest of the console back
  let waited: NodeJS.Timeout | undefined;
  const listening = await Promise.race([
    app.events.ready().then(() => true),
    new Promise<false>((resolve) => {
      waited = setTimeout(() => resolve(false), LISTEN_WAIT_MS);
    }),
  ]);
  clearTimeout(waited);
  if (!listening) log.warn({ waitedMs: LISTEN_WAIT_MS }, 'live events are not listening to the database yet (still retrying): streams get other processes\' events once it connects');
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
