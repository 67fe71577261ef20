import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../api/http';
import type { PhotoUpload } from '../photoApi';
import type { NewCaseRequest } from '../types';
import { openObjectStore } from './idb';
import { createOutbox, type OutboxApi, type OutboxEntry, type OutboxPhoto } from './outbox';

const KEY = '7d9f4c1e-2b1a-4c3d-9e8f-0a1b2c3d4e5f';
const request = (key = KEY, description = '路边垃圾堆放'): NewCaseRequest => ({ category: 'E01-02', lon: 120.165, lat: 30.245, description, idempotencyKey: key });
const photo = (name = 'a.jpg'): OutboxPhoto => ({ name, type: 'image/jpeg', size: 3, bytes: new Uint8Array([0xff, 0xd8, 0xff]).buffer });

/** A fake server: files each idempotency key once (as the real one does) and records every call. */
function fakeServer() {
  const filed = new Map<string, { id: number; number: string }>();
  const calls: string[] = [];
  const uploads: { caseId: number; names: string[]; sizes: number[] }[] = [];
  let down = false;
  let photosRefused: HttpError | undefined;
  const api: OutboxApi = {
    async postCase(body) {
      calls.push(`POST /api/cases ${body.idempotencyKey}`);
      if (down) throw new TypeError('Failed to fetch');
      const known = filed.get(body.idempotencyKey);
      if (known) return known;
      const made = { id: filed.size + 1, number: `QB2011-00000${filed.size + 1}` };
      filed.set(body.idempotencyKey, made);
      return made;
    },
    async uploadPhotos(caseId: number, photos: PhotoUpload[]) {
      calls.push(`POST /api/cases/${caseId}/photos`);
      if (down) throw new TypeError('Failed to fetch');
      if (photosRefused) throw photosRefused;
      uploads.push({ caseId, names: photos.map((p) => p.name), sizes: photos.map((p) => p.blob.size) });
      return [];
    },
  };
  return {
    api, filed, calls, uploads,
    goDown: () => { down = true; },
    comeBack: () => { down = false; },
    refusePhotos: (e: HttpError | undefined) => { photosRefused = e; },
  };
}

async function setUp(indexedDB = new IDBFactory()) {
  const store = await openObjectStore<OutboxEntry>({ database: 'qingbo-cases', store: 'outbox', keyPath: 'key', indexedDB });
  const server = fakeServer();
  let tick = 0;
  const outbox = createOutbox({ store, api: server.api, now: () => new Date(Date.UTC(2011, 5, 1, 8, 0, tick++)) });
  return { outbox, server, indexedDB };
}

describe('the offline outbox', () => {
  it('keeps a case filed offline, with its photos, and sends it once when the network returns', async () => {
    const { outbox, server } = await setUp();
    server.goDown();
    await outbox.add(request(), [photo()], 1);

    const offline = await outbox.flush();
    expect(offline).toEqual({ sent: [], failed: [], waiting: [KEY] });
    const [queued] = await outbox.list();
    expect(queued).toMatchObject({ key: KEY, state: 'queued', attempts: 1, photoCount: 1, error: { message: 'network', step: 'case' } });
    expect(queued!.photos[0]!.bytes.byteLength, 'the photo bytes are stored').toBe(3);

    server.comeBack();
    expect(await outbox.flush()).toEqual({ sent: [KEY], failed: [], waiting: [] });
    expect(await outbox.flush(), 'nothing is sent twice').toEqual({ sent: [], failed: [], waiting: [] });

    expect(server.filed.size).toBe(1);
    expect(server.calls).toEqual([`POST /api/cases ${KEY}`, `POST /api/cases ${KEY}`, 'POST /api/cases/1/photos']);
    expect(server.uploads).toEqual([{ caseId: 1, names: ['a.jpg'], sizes: [3] }]);
    const [sent] = await outbox.list();
    expect(sent).toMatchObject({ state: 'sent', case: { id: 1, number: 'QB2011-000001' }, photos: [], photoCount: 1 });
    expect(sent!.error).toBeUndefined();
  });

  it('survives a reload: a new outbox over the same IndexedDB finds and sends what was queued', async () => {
    const first = await setUp();
    first.server.goDown();
    await first.outbox.add(request(), [], 1);
    await first.outbox.flush();

    const again = await setUp(first.indexedDB);
    expect((await again.outbox.list()).map((e) => e.state)).toEqual(['queued']);
    await again.outbox.flush();
    expect([...again.server.filed.keys()]).toEqual([KEY]);
  });

  it('reuses the idempotency key of every attempt, so the server files the case once even when an answer was lost', async () => {
    const { outbox, server } = await setUp();
    await outbox.add(request(), [photo()], 1);
    server.refusePhotos(new HttpError(503, 'busy'));
    await outbox.flush();
    const [afterCase] = await outbox.list();
    expect(afterCase).toMatchObject({ state: 'queued', case: { id: 1 }, error: { status: 503, step: 'photos' } });

    server.refusePhotos(undefined);
    await outbox.flush();
    expect(server.calls.filter((c) => c.startsWith('POST /api/cases ')), 'the case is not posted again once filed').toHaveLength(1);
    expect(server.uploads).toHaveLength(1);
    expect((await outbox.list())[0]!.state).toBe('sent');
  });

  it('sends concurrent flushes one after the other: each entry is posted once', async () => {
    const { outbox, server } = await setUp();
    await outbox.add(request(KEY, 'one'), [], 1);
    await outbox.add(request('0f9e8d7c-6b5a-4c3d-8e1f-2a3b4c5d6e7f', 'two'), [], 1);

    const results = await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);

    expect(results.flatMap((r) => r.sent).sort()).toEqual(['0f9e8d7c-6b5a-4c3d-8e1f-2a3b4c5d6e7f', KEY].sort());
    expect(server.calls).toHaveLength(2);
    expect(server.filed.size).toBe(2);
  });

  it('marks a refused case failed with the server’s reason; retry queues it again, discard removes it', async () => {
    const { outbox, server } = await setUp();
    server.api.postCase = async () => {
      throw new HttpError(400, 'description: too long', 'bad_request');
    };
    await outbox.add(request(), [], 1);
    expect(await outbox.flush()).toEqual({ sent: [], failed: [KEY], waiting: [] });
    expect((await outbox.list())[0]).toMatchObject({ state: 'failed', error: { status: 400, code: 'bad_request', step: 'case' } });
    expect((await outbox.flush()).sent, 'a failed entry waits for the user').toEqual([]);

    await outbox.retry(KEY);
    expect((await outbox.list())[0]!.state).toBe('queued');
    await outbox.discard(KEY);
    expect(await outbox.list()).toEqual([]);
  });

  it('keeps a filed case when the server refuses its photos, and can finish without them', async () => {
    const { outbox, server } = await setUp();
    server.refusePhotos(new HttpError(415, 'not an image', 'unsupported_media_type'));
    await outbox.add(request(), [photo()], 1);
    await outbox.flush();
    expect((await outbox.list())[0]).toMatchObject({ state: 'failed', case: { id: 1 }, error: { status: 415, step: 'photos' } });

    await outbox.dropPhotos(KEY);
    expect((await outbox.list())[0]).toMatchObject({ state: 'sent', photos: [] });
  });

  it('lists and sends each user’s entries only for that user', async () => {
    const { outbox, server } = await setUp();
    await outbox.add(request(KEY, 'inspector'), [], 3);
    await outbox.add(request('0f9e8d7c-6b5a-4c3d-8e1f-2a3b4c5d6e7f', 'supervisor'), [], 4);

    expect((await outbox.list(4)).map((e) => e.request.description)).toEqual(['supervisor']);
    expect(await outbox.flush({ owner: 4 })).toEqual({ sent: ['0f9e8d7c-6b5a-4c3d-8e1f-2a3b4c5d6e7f'], failed: [], waiting: [] });
    expect(server.filed.size).toBe(1);
    expect((await outbox.list(3))[0]!.state, 'the other user’s case waits for their session').toBe('queued');
  });

  it('keeps only the newest sent entries as history', async () => {
    const store = await openObjectStore<OutboxEntry>({ database: 'x', store: 'outbox', keyPath: 'key', indexedDB: new IDBFactory() });
    const server = fakeServer();
    let tick = 0;
    const outbox = createOutbox({ store, api: server.api, keepSent: 2, now: () => new Date(Date.UTC(2011, 0, 1, 0, 0, tick++)) });
    for (const n of [1, 2, 3]) await outbox.add(request(`00000000-0000-4000-8000-00000000000${n}`, `case ${n}`), [], 1);
    await outbox.flush();
    expect((await outbox.list()).map((e) => e.request.description)).toEqual(['case 3', 'case 2']);
  });
});
