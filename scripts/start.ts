import path from 'node:path';
import { ConfigError, loadConfig, PROJECT_ROOT } from '../server/src/config';
import { createLogger } from '../server/src/logger';
import { CONFIG_EXIT_CODE, superviseWorkers } from '../server/src/supervisor';
import { buildClient, clientBuildIsStale } from './client-build';

function logLevel(): string {
  try {
    return loadConfig().logLevel;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(CONFIG_EXIT_CODE);
  }
}

const level = logLevel();
if (!process.env.CLIENT_DIST && clientBuildIsStale()) {
  console.log('Building the client (missing or older than its sources)…');
  await buildClient();
  console.log('Client built.');
}
superviseWorkers({ exec: path.join(PROJECT_ROOT, 'server/src/index.ts'), workers: 1, log: createLogger(level).child({ role: 'supervisor' }) });
