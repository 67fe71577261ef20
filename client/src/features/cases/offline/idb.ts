/** A keyed object store: the few IndexedDB operations the outbox needs, as promises. */
export interface ObjectStore<T> {
  get(key: string): Promise<T | undefined>;
  getAll(): Promise<T[]>;
  put(value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Options of `openObjectStore`. */
export interface OpenStoreOptions {
  /** Database name. */
  database: string;
  /** Object store name; its values are keyed by `keyPath`. */
  store: string;
  keyPath: string;
  /** The IndexedDB to use; the browser's by default (tests pass fake-indexeddb). */
  indexedDB?: IDBFactory;
}

const VERSION = 1;

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function open(options: OpenStoreOptions, factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(options.database, VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(options.store)) request.result.createObjectStore(options.store, { keyPath: options.keyPath });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`cannot open IndexedDB "${options.database}"`));
    request.onblocked = () => reject(new Error(`IndexedDB "${options.database}" is blocked by another tab`));
  });
}

/**
 * Opens (creating on first use) one object store over the native IndexedDB API. Writes resolve
 * once their transaction has committed, so what `put` stored survives a closed tab.
 * @throws Error when IndexedDB is missing or refuses to open.
 */
export async function openObjectStore<T>(options: OpenStoreOptions): Promise<ObjectStore<T>> {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  if (!factory) throw new Error('IndexedDB is not available');
  const db = await open(options, factory);
  const name = options.store;

  async function write(run: (store: IDBObjectStore) => void): Promise<void> {
    const transaction = db.transaction(name, 'readwrite');
    const finished = committed(transaction);
    run(transaction.objectStore(name));
    await finished;
  }

  return {
    get: (key) => done(db.transaction(name, 'readonly').objectStore(name).get(key) as IDBRequest<T | undefined>),
    getAll: () => done(db.transaction(name, 'readonly').objectStore(name).getAll() as IDBRequest<T[]>),
    put: (value) => write((store) => store.put(value)),
    delete: (key) => write((store) => store.delete(key)),
  };
}

/** An object store in memory, for browsers without IndexedDB (nothing survives a reload there). */
export function memoryObjectStore<T>(keyPath: keyof T & string): ObjectStore<T> {
  const values = new Map<string, T>();
  return {
    get: async (key) => values.get(key),
    getAll: async () => [...values.values()],
    put: async (value) => void values.set(String(value[keyPath]), structuredClone(value)),
    delete: async (key) => void values.delete(key),
  };
}
