import { Worker } from 'node:worker_threads';
import type { TileAddress } from './tile-math';
import { TILE_LIMITS } from './tile-features';
import type { ShapeLayerRef, ShapeReply, ShapeRequest, ShapeRows } from './shape-worker';

/** The shape worker died (or could not start) while a tile waited on it: the tile is answered 503, the next one starts a fresh worker. */
export class ShapeWorkerError extends Error {
  override name = 'ShapeWorkerError';
}

/**
 * A layer of the tile was written while its rows were read in pages, or its rows or index went meanwhile (a
 * worker restart, an index dropped): the tile is rendered again at the layers' current versions.
 */
export class StaleShapeError extends Error {
  override name = 'StaleShapeError';
}

/**
 * Bounds of the indexes the worker keeps, over every tile service of the process: the least recently
 * used are dropped first (a layer bigger than the bound alone is still kept, alone).
 */
export const SHAPE_INDEX_LIMITS = { maxFeatures: 2_000_000, maxIndexes: 256 } as const;

/** A read of a layer's rows into the worker, page by page: valid while the worker that takes them lives. */
export interface RowsRead {
  read: number;
  generation: number;
  rows: number;
}

interface Waiting {
  resolve: (bytes: Buffer) => void;
  reject: (err: Error) => void;
}

interface IndexRecord {
  version: number;
  features: number;
}

/**
 * The process's one shape worker, started on first use: what it holds (which key at which version,
 * in least-recently-used order) is known here, so a request never names an index it dropped.
 */
class ShapeWorker {
  private worker: Worker | undefined;
  private generation = 0;
  private readonly waiting = new Map<number, Waiting>();
  private readonly builds = new Map<number, { key: string; version: number }>();
  private readonly indexes = new Map<string, IndexRecord>();
  private features = 0;
  private seq = 0;

  /** Whether the worker has (or will have, once its queue gets there) the index of `key` at `version`. */
  has(key: string, version: number): boolean {
    return this.indexes.get(key)?.version === version;
  }

  /** Starts a read of rows into the worker (starting the worker if need be). */
  startRead(): RowsRead {
    this.worker ??= this.start();
    return { read: ++this.seq, generation: this.generation, rows: 0 };
  }

  /** Posts a page of a read's rows; false when the worker that took the earlier pages is gone. */
  addRows(read: RowsRead, rows: ShapeRows): boolean {
    if (read.generation !== this.generation || !this.worker) return false;
    this.worker.postMessage({ op: 'rows', read: read.read, ...rows } satisfies ShapeRequest);
    read.rows += rows.ids.length;
    return true;
  }

  /** Lets the worker forget the rows of a read that will not be built. */
  discard(read: RowsRead): void {
    if (read.generation === this.generation) this.worker?.postMessage({ op: 'discard', read: read.read } satisfies ShapeRequest);
  }

  /**
   * Posts the build of `key` at `version` from a read's rows (replacing the index of an earlier version);
   * false when the worker that took them is gone.
   */
  build(key: string, version: number, read: RowsRead, layer: { names: string[]; labelled: boolean }): boolean {
    if (read.generation !== this.generation) return false;
    const id = ++this.seq;
    this.post({ op: 'build', id, key, version, read: read.read, ...layer });
    this.builds.set(id, { key, version });
    this.forget(key);
    this.indexes.set(key, { version, features: read.rows });
    this.features += read.rows;
    return true;
  }

  /** Encodes the shape layers of one tile; StaleShapeError when one of them is not built at its version. */
  encode(layers: ShapeLayerRef[], t: TileAddress, budget: number): Promise<Buffer> {
    if (!layers.every((l) => this.has(l.key, l.version))) return Promise.reject(new StaleShapeError('a shape index was dropped before its tile was encoded'));
    const id = ++this.seq;
    const promise = new Promise<Buffer>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.post({ op: 'encode', id, layers, z: t.z, x: t.x, y: t.y, maxFeaturesPerLayer: TILE_LIMITS.maxFeaturesPerLayer, budget });
    if (this.waiting.size === 1) this.worker?.ref();
    for (const { key } of layers) {
      const record = this.indexes.get(key)!;
      this.indexes.delete(key);
      this.indexes.set(key, record);
    }
    // dropped after the encode is queued, so that it still finds them
    this.evict();
    return promise;
  }

  /** Starts the worker now, when it is not running: its start (tsx, geojson-vt, turf: about half a second) then precedes the first shape tile. */
  warm(): void {
    this.worker ??= this.start();
  }

  /** Stops the worker as a crash would: the tiles waiting on it fail, the next shape tile starts a fresh one. */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  private evict(): void {
    for (const [key, record] of this.indexes) {
      if (this.indexes.size <= 1 || (this.features <= SHAPE_INDEX_LIMITS.maxFeatures && this.indexes.size <= SHAPE_INDEX_LIMITS.maxIndexes)) return;
      this.indexes.delete(key);
      this.features -= record.features;
      this.post({ op: 'drop', key });
    }
  }

  private post(request: ShapeRequest): void {
    this.worker ??= this.start();
    this.worker.postMessage(request);
  }

  private start(): Worker {
    const worker = new Worker(new URL('./shape-worker.mjs', import.meta.url));
    this.generation += 1;
    // an idle worker never keeps the process alive; one that owes answers does (see `encode` and `settle`)
    worker.unref();
    worker.on('message', (reply: ShapeReply) => this.settle(reply));
    worker.on('error', (err) => this.died(worker, `the shape worker failed: ${err.message}`));
    worker.on('exit', (code) => this.died(worker, `the shape worker exited (code ${code})`));
    return worker;
  }

  private settle(reply: ShapeReply): void {
    const build = this.builds.get(reply.id);
    if (build) {
      this.builds.delete(reply.id);
      // a failed build is tried again by the next tile that needs it
      if (!reply.ok && this.has(build.key, build.version)) this.forget(build.key);
      return;
    }
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if (reply.ok) waiting.resolve(reply.bytes ? Buffer.from(reply.bytes) : Buffer.alloc(0));
    else waiting.reject(new Error(reply.message));
  }

  private forget(key: string): void {
    this.features -= this.indexes.get(key)?.features ?? 0;
    this.indexes.delete(key);
  }

  private died(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.generation += 1;
    this.indexes.clear();
    this.builds.clear();
    this.features = 0;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiting) w.reject(new ShapeWorkerError(message));
  }
}

/** The process's shape worker, shared by every tile service. */
export const shapeWorker = new ShapeWorker();

/** Starts the process's shape worker ahead of the first line or polygon tile (the server does at start-up). */
export const startShapeWorker = (): void => shapeWorker.warm();

/** Stops the process's shape worker as a crash would (for tests of that path); the next shape tile starts a fresh one. */
export const terminateShapeWorker = (): Promise<void> => shapeWorker.terminate();
