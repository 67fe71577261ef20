import { browserFetch } from '../api/http';
// The service worker is built without the Vue plugin: it imports these plain modules, not the features' front doors.
import { fetchMe } from '../features/auth/api';
import { createBrowserOutbox } from '../features/cases/offline/defaults';
import type { FlushResult } from '../features/cases/offline/outbox';

/**
 * Sends the queued cases of whoever is signed in now (asked of the server, never of a cache),
 * from the service worker: the same outbox, idempotency keys and cross-tab lock as the pages,
 * so a case is filed once however many of them flush at the same time. Entries of other users
 * stay queued for them. A network failure rejects, so that the browser retries the sync later.
 */
export async function flushOutboxInWorker(fetchLike = browserFetch): Promise<FlushResult> {
  const me = await fetchMe(fetchLike);
  if (!me) return { sent: [], failed: [], waiting: [] };
  const outbox = await createBrowserOutbox(fetchLike);
  return outbox.flush({ owner: me.id });
}
