import { HttpError, isNetworkError } from '../../../api/http';
import type { PhotoUpload } from '../photoApi';
import type { NewCaseRequest } from '../types';
import type { ObjectStore } from './idb';

/** A photo kept with a queued case: its bytes, so that it survives a reload. */
export interface OutboxPhoto {
  name: string;
  type: string;
  size: number;
  bytes: ArrayBuffer;
}

/** Where a case filed on this device stands: waiting for the network, refused by the server, or sent. */
export type OutboxState = 'queued' | 'failed' | 'sent';

/** Why the last attempt did not finish. */
export interface OutboxError {
  /** Network failure (no status) or the server's status and code. */
  status?: number;
  code?: string;
  message: string;
  /** The step that failed: filing the case or uploading its photos. */
  step: 'case' | 'photos';
}

/** A case filed on this device, stored in IndexedDB until (and a while after) the server has it. */
export interface OutboxEntry {
  /** The client-made idempotency key, reused by every attempt: the server files it once. */
  key: string;
  /** Id of the user who filed it: only their session sends it (a shared phone keeps each user's apart). */
  owner: number;
  request: NewCaseRequest;
  /** Photos still to upload (emptied once uploaded). */
  photos: OutboxPhoto[];
  photoCount: number;
  state: OutboxState;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  /** Set once the server has filed the case. */
  case?: { id: number; number: string };
  error?: OutboxError;
}

/** What the outbox calls on the server. */
export interface OutboxApi {
  postCase(request: NewCaseRequest): Promise<{ id: number; number: string }>;
  uploadPhotos(caseId: number, photos: PhotoUpload[]): Promise<unknown>;
}

/** Dependencies of `createOutbox`. */
export interface OutboxOptions {
  store: ObjectStore<OutboxEntry>;
  api: OutboxApi;
  now?: () => Date;
  /** Runs a flush exclusively across tabs (the Web Locks API in browsers); in-tab only without it. */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
  /** Sent entries kept as this device's history. */
  keepSent?: number;
}

/** Which entries a flush sends: one entry, and/or one user's. */
export interface FlushFilter {
  only?: string;
  owner?: number;
}

/** What one flush did. */
export interface FlushResult {
  sent: string[];
  failed: string[];
  /** Still queued: the network (or the server) was not there. */
  waiting: string[];
}

/** Answers worth trying again later: timeouts, throttling, server errors and an expired session. */
export function isRetriable(error: unknown): boolean {
  if (isNetworkError(error)) return true;
  if (!(error instanceof HttpError)) return false;
  return error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500;
}

function describe(error: unknown, step: OutboxError['step']): OutboxError {
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message, step };
  if (isNetworkError(error)) return { message: 'network', step };
  return { message: error instanceof Error ? error.message : String(error), step };
}

const newestFirst = (a: OutboxEntry, b: OutboxEntry) => b.createdAt.localeCompare(a.createdAt);

/**
 * The queue of cases filed on this device. `add` stores a case with its photos before anything
 * is sent; `flush` sends the queued ones oldest first: the case (idempotent by its key), then its
 * photos, recording each step so that no step is done twice. Network failures leave an entry
 * queued; refusals mark it failed with the server's reason.
 */
export function createOutbox(options: OutboxOptions) {
  const { store, api, now = () => new Date(), keepSent = 50 } = options;
  const exclusive = options.exclusive ?? ((run) => run());
  let running: Promise<FlushResult> | undefined;

  async function save(entry: OutboxEntry, changes: Partial<OutboxEntry>): Promise<OutboxEntry> {
    const next = { ...entry, ...changes, updatedAt: now().toISOString() };
    await store.put(next);
    return next;
  }

  async function send(start: OutboxEntry): Promise<OutboxEntry> {
    let entry = await save(start, { attempts: start.attempts + 1 });
    try {
      if (!entry.case) {
        const filed = await api.postCase(entry.request);
        entry = await save(entry, { case: { id: filed.id, number: filed.number } });
      }
      if (entry.photos.length > 0) {
        await api.uploadPhotos(entry.case!.id, entry.photos.map((p) => ({ name: p.name, blob: new Blob([p.bytes], { type: p.type }) })));
      }
      return await save(entry, { state: 'sent', photos: [], error: undefined });
    } catch (error) {
      return save(entry, { state: isRetriable(error) ? 'queued' : 'failed', error: describe(error, entry.case ? 'photos' : 'case') });
    }
  }

  /**
   * Sends the queued entries (those `filter` selects), oldest first and one flush at a time: a
   * call during a flush waits for it and then flushes again, so nothing added meanwhile is left behind.
   */
  function flush(filter: FlushFilter = {}): Promise<FlushResult> {
    if (running) {
      return running.then(() => flush(filter));
    }
    const current = exclusive(() => run(filter)).finally(() => {
      running = undefined;
    });
    running = current;
    return current;
  }

  async function prune(): Promise<void> {
    const sent = (await store.getAll()).filter((e) => e.state === 'sent').sort(newestFirst);
    for (const old of sent.slice(keepSent)) await store.delete(old.key);
  }

  async function run({ only, owner }: FlushFilter): Promise<FlushResult> {
    const result: FlushResult = { sent: [], failed: [], waiting: [] };
    const queued = (await store.getAll())
      .filter((e) => e.state === 'queued' && (only === undefined || e.key === only) && (owner === undefined || e.owner === owner))
      .sort((a, b) => -newestFirst(a, b));
    for (const [index, entry] of queued.entries()) {
      const after = await send(entry);
      if (after.state === 'sent') result.sent.push(after.key);
      else if (after.state === 'failed') result.failed.push(after.key);
      else {
        result.waiting.push(...queued.slice(index).map((e) => e.key));
        break;
      }
    }
    await prune();
    return result;
  }

  return {
    /** Every entry (or one user's), newest first. */
    list: async (owner?: number): Promise<OutboxEntry[]> => (await store.getAll()).filter((e) => owner === undefined || e.owner === owner).sort(newestFirst),

    /** Stores a user's new case with its photos as queued; nothing is sent yet. */
    async add(request: NewCaseRequest, photos: OutboxPhoto[], owner: number): Promise<OutboxEntry> {
      const at = now().toISOString();
      const entry: OutboxEntry = { key: request.idempotencyKey, owner, request, photos, photoCount: photos.length, state: 'queued', attempts: 0, createdAt: at, updatedAt: at };
      await store.put(entry);
      return entry;
    },

    /** Sends the queued entries; see `flush` above. */
    flush,

    /** Queues a failed entry again (e.g. after the server's problem was fixed). */
    async retry(key: string): Promise<void> {
      const entry = await store.get(key);
      if (entry && entry.state === 'failed') await save(entry, { state: 'queued', error: undefined });
    },

    /** Gives up the photos of an entry whose case was filed but whose photos the server refuses. */
    async dropPhotos(key: string): Promise<void> {
      const entry = await store.get(key);
      if (entry?.case && entry.state !== 'sent') await save(entry, { state: 'sent', photos: [], error: undefined });
    },

    /** Deletes an entry (a failed one the user gives up, or a sent one from the history). */
    discard: (key: string): Promise<void> => store.delete(key),
  };
}

/** The outbox's interface. */
export type Outbox = ReturnType<typeof createOutbox>;

/** Reads a picked file into a photo the outbox can keep. */
export async function toOutboxPhoto(file: Blob & { name?: string }): Promise<OutboxPhoto> {
  return { name: file.name ?? 'photo', type: file.type, size: file.size, bytes: await file.arrayBuffer() };
}
