import { browserFetch, type FetchLike } from '../../../api/http';
import { postCase } from '../api';
import { uploadPhotos } from '../photoApi';
import { memoryObjectStore, openObjectStore, type ObjectStore } from './idb';
import { createOutbox, type Outbox, type OutboxEntry } from './outbox';

/** IndexedDB database and store of the outbox. */
export const OUTBOX_DB = { database: 'qingbo-cases', store: 'outbox', keyPath: 'key' } as const;

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The outbox store: IndexedDB, or memory (with a warning) where the browser has none or refuses it. */
export async function openOutboxStore(indexedDB?: IDBFactory): Promise<ObjectStore<OutboxEntry>> {
  try {
    return await openObjectStore<OutboxEntry>({ ...OUTBOX_DB, indexedDB });
  } catch (e) {
    console.warn('outbox: IndexedDB unavailable, queued cases are kept in memory only:', e);
    return memoryObjectStore<OutboxEntry>('key');
  }
}

/** The browser's outbox: the server's API over `fetch`, one flush at a time across tabs (Web Locks). */
export async function createBrowserOutbox(fetch: FetchLike = browserFetch, indexedDB?: IDBFactory): Promise<Outbox> {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  return createOutbox({
    store: await openOutboxStore(indexedDB),
    api: {
      postCase: (request) => postCase(request, fetch),
      uploadPhotos: (caseId, photos) => uploadPhotos(caseId, 'before', photos, fetch),
    },
    exclusive: locks ? (run) => locks.request('qingbo-outbox', run) : undefined,
  });
}
