import { IDBFactory } from 'fake-indexeddb';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { recordingFetch, json } from '../../auth';
import { createBrowserOutbox } from './defaults';
import { useOutboxStore } from './store';

const KEY = '5b0e6c1a-9d2f-4e3b-8a7c-6d5e4f3a2b1c';
const request = { category: 'E01-02', lon: 120.165, lat: 30.245, description: '路边垃圾', idempotencyKey: KEY };

/** The server's case endpoints, filing each idempotency key once; `up` says whether the network is there. */
function server() {
  const filed = new Map<string, number>();
  const state = { up: false };
  const fetch = recordingFetch(({ method, url, body }) => {
    if (!state.up) throw new TypeError('Failed to fetch');
    if (method === 'POST' && url === '/api/cases') {
      const key = (body as { idempotencyKey: string }).idempotencyKey;
      const id = filed.get(key) ?? filed.size + 1;
      const created = !filed.has(key);
      filed.set(key, id);
      return json({ case: { id, number: `QB2011-00000${id}` } }, created ? 201 : 200);
    }
    if (method === 'POST' && url === `/api/cases/${filed.get(KEY)}/photos`) return json({ photos: [{ id: 1, kind: 'before' }] }, 201);
    return json({ error: { code: 'not_found', message: url } }, 404);
  });
  return { fetch, filed, state };
}

describe('useOutboxStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
  });

  it('queues a case filed offline with its photo and sends it once when back online', async () => {
    const api = server();
    const online = { value: false };
    const store = useOutboxStore();
    store.configure({ outbox: await createBrowserOutbox(api.fetch, new IDBFactory()), online: () => online.value, owner: () => 3 });

    const filed = await store.file(request, [new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' })]);

    expect(filed).toMatchObject({ key: KEY, state: 'queued', photoCount: 1, case: null });
    expect(api.fetch.requests, 'nothing is tried while offline').toEqual([]);
    expect(store.waiting.map((i) => i.key)).toEqual([KEY]);
    expect(JSON.parse(JSON.stringify(store.items)), 'the store holds plain data, no photo bytes').toEqual(store.items);

    online.value = true;
    api.state.up = true;
    await store.flush();
    await store.flush();

    expect(store.items).toMatchObject([{ key: KEY, state: 'sent', case: { id: 1, number: 'QB2011-000001' } }]);
    expect(api.fetch.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/cases', 'POST /api/cases/1/photos']);
    expect(api.filed.size).toBe(1);
  });

  it('keeps the case queued when the browser says online but the request fails, then sends it with the same key', async () => {
    const api = server();
    const store = useOutboxStore();
    store.configure({ outbox: await createBrowserOutbox(api.fetch, new IDBFactory()), online: () => true, owner: () => 3 });

    expect((await store.file(request, [])).state).toBe('queued');
    api.state.up = true;
    await store.flush();

    const posted = api.fetch.requests.filter((r) => r.url === '/api/cases');
    expect(posted.map((r) => (r.body as { idempotencyKey: string }).idempotencyKey)).toEqual([KEY, KEY]);
    expect(api.filed.size).toBe(1);
    expect(store.items[0]!.state).toBe('sent');
  });
});
