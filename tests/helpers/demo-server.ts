import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../server/src/config';
import { startServer } from '../../server/src/server';

/** A real server with the demo district on a random loopback port, its database in a temporary folder. */
export interface DemoServer {
  running: Awaited<ReturnType<typeof startServer>>;
  /** The temporary folder holding the database; tests may write their own files there. */
  tmp: string;
}

/** Starts the demo server for interop tests; `env` adds or overrides configuration (e.g. `PUBLIC_READ`). */
export async function startDemoServer(prefix: string, env: Record<string, string> = {}): Promise<DemoServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(PROJECT_ROOT, 'data'), DB_FILE: path.join(tmp, 'db.sqlite'), LOG_LEVEL: 'silent', ...env });
  return { running: await startServer(config), tmp };
}
