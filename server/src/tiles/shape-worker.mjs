// Bootstrap of the shape worker thread (see shape-worker-client.ts): loads TypeScript with tsx, the project's
// tsconfig (its `@shared/*` paths) included, then serves shape-worker.ts's requests. Plain JavaScript so that it
// starts the same under tsx, vitest and plain node.
import { parentPort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
const { serveShapeRequests } = await import('./shape-worker.ts');
serveShapeRequests(parentPort);
