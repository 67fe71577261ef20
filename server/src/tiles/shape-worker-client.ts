import { Worker } from 'node:worker_threads';
import type { Layer } from '../features/layers';
import type { TileRepository } from './tile-repository';
import type { TileAddress } from './tile-math';
import { TILE_LIMITS, tilePropertyNames } from './tile-features';
import type { ShapeSource } from './shape-index';
import type { ShapeLayerRef, ShapeReply, ShapeRequest } from './shape-worker';

/** The shape worker died (or could not start) while a tile waited on it: the tile is answered 503, the next one starts a fresh worker. */
export class ShapeWorkerError extends Error {
  override name = 'ShapeWorkerError';
}

/**
 * Bounds of the indexes the worker keeps, over every tile service of the process: the least recently
 * used are dropped first (a layer bigger than the bound alone is still kept, alone).
 */
export const SHAPE_INDEX_LIMITS = { maxFeatures: 2_000_000, maxIndexes: 256 } as const;

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
  private readonly waiting = new Map<number, Waiting>();
  private readonly builds = new Map<number, { key: string; version: number }>();
  private readonly indexes = new Map<string, IndexRecord>();
  private features = 0;
  private seq = 0;

  /** Posts the build of `key` at `version` unless it is built or queued at it; `read` gives the rows. */
  ensure(key: string, version: number, read: () => ShapeSource): void {
    const known = this.indexes.get(key);
    if (known?.version === version) return;
    const source = read();
    const id = ++this.seq;
    this.post({ op: 'build', id, key, version, source }, [source.ids.buffer as ArrayBuffer]);
    this.builds.set(id, { key, version });
    if (known) this.features -= known.features;
    this.indexes.delete(key);
    this.indexes.set(key, { version, features: source.geometries.length });
    this.features += source.geometries.length;
  }

  /** Encodes the shape layers of one tile (each `ensure`d at its version before). */
  encode(layers: ShapeLayerRef[], t: TileAddress, budget: number): Promise<Buffer> {
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

  private post(request: ShapeRequest, transfer: ArrayBuffer[] = []): void {
    this.worker ??= this.start();
    this.worker.postMessage(request, transfer);
  }

  private start(): Worker {
    const worker = new Worker(new URL('./shape-worker.mjs', import.meta.url));
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
      if (!reply.ok && this.indexes.get(build.key)?.version === build.version) this.forget(build.key);
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
    this.indexes.clear();
    this.builds.clear();
    this.features = 0;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiting) w.reject(new ShapeWorkerError(message));
  }
}

const shared = new ShapeWorker();
let services = 0;

/** Stops the process's shape worker as a crash would (for tests of that path); the next shape tile starts a fresh one. */
export const terminateShapeWorker = (): Promise<void> => shared.terminate();

/** The rows of a layer as the worker's build takes them. */
function sourceOf(repo: TileRepository, layer: Layer): ShapeSource {
  const rows = repo.allFeatures(layer.id);
  const ids = new Float64Array(rows.length);
  const geometries = new Array<string>(rows.length);
  const properties = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i]!;
    ids[i] = row.id;
    geometries[i] = row.geometry;
    properties[i] = row.properties;
  }
  const labelled = layer.geometryType === 'Polygon' && layer.options.labelProperty !== undefined;
  return { names: tilePropertyNames(layer.schema), labelled, ids, geometries, properties };
}

/**
 * The line and polygon layers of one tile service, indexed and encoded in the process's shape worker
 * (one for every service, started on the first shape tile): a layer's rows are read here, in the
 * caller's read snapshot, once per layer version; the clipping, simplification and encoding happen
 * off the event loop.
 */
export function createShapeTiles(repo: TileRepository) {
  const prefix = `${(services += 1)}/`;
  return {
    /**
     * The shape layers of a tile encoded as MVT layers within `budget` bytes (empty: no feature). Reads the rows of
     * layers whose current version the worker has not built, so call it inside the read snapshot the versions come from.
     */
    encode(layers: readonly Layer[], t: TileAddress, budget: number): Promise<Buffer> {
      for (const layer of layers) shared.ensure(prefix + layer.id, layer.version, () => sourceOf(repo, layer));
      return shared.encode(layers.map((l) => ({ key: prefix + l.id, name: l.id, version: l.version })), t, budget);
    },
  };
}
