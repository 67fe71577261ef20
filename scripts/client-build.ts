import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/src/config';

const CLIENT_DIR = path.join(PROJECT_ROOT, 'client');
const DIST_INDEX = path.join(CLIENT_DIR, 'dist', 'index.html');
/** The client's sources, and the shared folder that the client bundles too (`@shared/*`). */
const SOURCES = [...['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json'].map((name) => path.join(CLIENT_DIR, name)), path.join(PROJECT_ROOT, 'server/src/shared')];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** Whether client/dist is missing or older than any client source, the shared folder or the lockfile. */
export function clientBuildIsStale(): boolean {
  if (!fs.existsSync(DIST_INDEX)) return true;
  const built = fs.statSync(DIST_INDEX).mtimeMs;
  return [...SOURCES, path.join(PROJECT_ROOT, 'package-lock.json')].some((source) => newestMtime(source) > built);
}

/** Builds the client into client/dist with Vite's API (production mode). */
export async function buildClient(): Promise<void> {
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(CLIENT_DIR, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * Starts the same production build as {@link buildClient} in a child process (`vite build`, its output on this
 * process's stdout and stderr), for a caller that goes on with other work meanwhile (the e2e project's global setup).
 * `exited` resolves with the exit code (1 if it could not start); `kill` stops a build still running.
 */
export function spawnClientBuild(): { exited: Promise<number>; kill(): void } {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(CLIENT_DIR, 'vite.config.ts'), '--mode', 'production', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number>((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  return {
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}
