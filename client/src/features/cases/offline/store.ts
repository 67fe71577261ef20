import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useSessionStore } from '../../auth';
import type { NewCaseRequest } from '../types';
import { createBrowserOutbox } from './defaults';
import { toOutboxPhoto, type FlushResult, type Outbox, type OutboxEntry, type OutboxError, type OutboxState } from './outbox';

/** An outbox entry as the UI lists it: plain data without the photo bytes. */
export interface OutboxItem {
  key: string;
  state: OutboxState;
  category: string;
  description: string;
  lon: number;
  lat: number;
  address: string | null;
  photoCount: number;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  case: { id: number; number: string } | null;
  error: OutboxError | null;
}

/** Options of the outbox store; tests inject the outbox, the online flag and the user. */
export interface OutboxStoreOptions {
  outbox?: Outbox | (() => Promise<Outbox>);
  online?: () => boolean;
  /** Id of the signed-in user, whose entries are listed and sent; the session's by default. */
  owner?: () => number | null;
}

function toItem(entry: OutboxEntry): OutboxItem {
  return {
    key: entry.key,
    state: entry.state,
    category: entry.request.category,
    description: entry.request.description,
    lon: entry.request.lon,
    lat: entry.request.lat,
    address: entry.request.address ?? null,
    photoCount: entry.photoCount,
    attempts: entry.attempts,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    case: entry.case ?? null,
    error: entry.error ?? null,
  };
}

const browserOnline = () => globalThis.navigator?.onLine !== false;

/**
 * Cases filed on this device (queued, refused or sent), as plain data; the entries and their
 * photos live in IndexedDB through the outbox. `file` stores a case first and sends it when
 * online, so nothing is lost when the network drops mid-way.
 */
export const useOutboxStore = defineStore('case-outbox', () => {
  const items = ref<OutboxItem[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<string | null>(null);
  const flushing = ref(false);
  let outbox: Promise<Outbox> | undefined;
  let online = browserOnline;
  let owner = (): number | null => useSessionStore().user?.id ?? null;

  const waiting = computed(() => items.value.filter((i) => i.state === 'queued'));
  const failed = computed(() => items.value.filter((i) => i.state === 'failed'));
  const sent = computed(() => items.value.filter((i) => i.state === 'sent'));

  /** Replaces the outbox and the online check (tests); the browser's by default. */
  function configure(options: OutboxStoreOptions): void {
    if (options.outbox) outbox = Promise.resolve(typeof options.outbox === 'function' ? options.outbox() : options.outbox);
    if (options.online) online = options.online;
    if (options.owner) owner = options.owner;
  }

  function box(): Promise<Outbox> {
    outbox ??= createBrowserOutbox();
    return outbox;
  }

  /** Reads the signed-in user's entries from the outbox (none without a user). */
  async function load(): Promise<void> {
    if (status.value === 'idle') status.value = 'loading';
    try {
      const user = owner();
      items.value = user === null ? [] : (await (await box()).list(user)).map(toItem);
      status.value = 'ready';
      error.value = null;
    } catch (e) {
      status.value = 'error';
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  /** Sends what the signed-in user has queued (when online) and reloads the list. */
  async function flush(only?: string): Promise<FlushResult> {
    const user = owner();
    if (!online() || user === null) return { sent: [], failed: [], waiting: waiting.value.map((i) => i.key) };
    flushing.value = true;
    try {
      return await (await box()).flush({ only, owner: user });
    } finally {
      flushing.value = false;
      await load();
    }
  }

  /**
   * Files a case: stores it with its photos, then sends it at once when online. Answers the entry
   * as it stands afterwards: `sent` (with the case), `queued` (offline: sent later) or `failed`.
   */
  async function file(request: NewCaseRequest, photos: readonly Blob[]): Promise<OutboxItem> {
    const user = owner();
    if (user === null) throw new Error('sign in to file a case');
    const stored = await Promise.all(photos.map((p) => toOutboxPhoto(p)));
    const entry = await (await box()).add(request, stored, user);
    await load();
    if (online()) await flush(entry.key);
    return items.value.find((i) => i.key === entry.key) ?? toItem(entry);
  }

  /** Queues a refused entry again and sends it. */
  async function retry(key: string): Promise<void> {
    await (await box()).retry(key);
    await flush(key);
  }

  /** Keeps a filed case without the photos the server refused. */
  async function dropPhotos(key: string): Promise<void> {
    await (await box()).dropPhotos(key);
    await load();
  }

  /** Removes an entry. */
  async function discard(key: string): Promise<void> {
    await (await box()).discard(key);
    await load();
  }

  return { items, status, error, flushing, waiting, failed, sent, configure, load, flush, file, retry, dropPhotos, discard };
});
