import path from 'node:path';
import { ConfigError, loadConfig, PROJECT_ROOT } from '../server/src/config';
import { createLogger } from '../server/src/logger';
import { CONFIG_EXIT_CODE, superviseWorkers } from '../server/src/supervisor';
import { buildClient, clientBuildIsStale } from './client-build';

function settings(): { logLevel: string; workers: number } {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(CONFIG_EXIT_CODE);
  }
}

const { logLevel, workers } = settings();
if (!process.env.CLIENT_DIST && clientBuildIsStale()) {
  console.log('Building the client (missing or older than its sources)…');
  await buildClient();
  console.log('Client built.');
}
superviseWorkers({ exec: path.join(PROJECT_ROOT, 'server/src/index.ts'), workers, log: createLogger(logLevel).child({ role: 'supervisor' }) });
