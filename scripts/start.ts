import { buildClient, clientBuildIsStale } from './client-build';

if (!process.env.CLIENT_DIST && clientBuildIsStale()) {
  console.log('Building the client (missing or older than its sources)…');
  await buildClient();
  console.log('Client built.');
}
await import('../server/src/index');
