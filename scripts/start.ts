import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/src/config';

const clientDir = path.join(PROJECT_ROOT, 'client');
const distIndex = path.join(clientDir, 'dist', 'index.html');
const SOURCES = ['index.html', 'src', 'public', 'vite.config.ts', 'tsconfig.json'];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

/** True when the built client is missing or older than any client source. */
function clientIsStale(): boolean {
  if (!fs.existsSync(distIndex)) return true;
  const built = fs.statSync(distIndex).mtimeMs;
  const sources = [...SOURCES.map((s) => path.join(clientDir, s)), path.join(PROJECT_ROOT, 'package-lock.json')];
  return sources.some((s) => newestMtime(s) > built);
}

if (!process.env.CLIENT_DIST && clientIsStale()) {
  console.log('Building the client (missing or older than its sources)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(clientDir, 'vite.config.ts'), logLevel: 'warn' });
  console.log('Client built.');
}
await import('../server/src/index');
