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
 * A layer of the tile was written while its rows were read in pages (or its index was dropped meanwhile): the
 * tile is rendered again at the layers' current versions.
 */
export class StaleShapeError extends Error {
  override name = 'StaleShapeError';
}

/** Rows of a layer read per event-loop turn for its index (about 40 ms of SQLite for small polygons). */
export const SHAPE_ROWS_PAGE = 10_000;

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

  /** Whether the worker has (or will have, once its queue gets there) the index of `key` at `version`. */
  has(key: string, version: number): boolean {
    return this.indexes.get(key)?.version === version;
  }

  /** Posts the build of `key` at `version` from its rows (replacing the index of an earlier version). */
  build(key: string, version: number, source: ShapeSource): void {
    const id = ++this.seq;
    this.post({ op: 'build', id, key, version, source });
    this.builds.set(id, { key, version });
    this.forget(key);
    this.indexes.set(key, { version, features: source.geometries.length });
    this.features += source.geometries.length;
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

/** A layer's rows gathered as the worker's build takes them. */
class SourceColumns {
  private readonly ids: number[] = [];
  private readonly geometries: string[] = [];
  private readonly properties: string[] = [];

  get last(): number {
    return this.ids.at(-1) ?? Number.MIN_SAFE_INTEGER;
  }

  add(rows: readonly { id: number; geometry: string; properties: string }[]): void {
    for (const row of rows) {
      this.ids.push(row.id);
      this.geometries.push(row.geometry);
      this.properties.push(row.properties);
    }
  }

  source(layer: Layer): ShapeSource {
    const labelled = layer.geometryType === 'Polygon' && layer.options.labelProperty !== undefined;
    return { names: tilePropertyNames(layer.schema), labelled, ids: Float64Array.from(this.ids), geometries: this.geometries, properties: this.properties };
  }
}

/**
 * Reads a layer's rows at its version `layer.version` in pages of SHAPE_ROWS_PAGE, one page per event-loop turn: the
 * first now (in the caller's read snapshot, which gave that version), each next one in a snapshot of its own that
 * must still see that version (every write bumps it). Undefined when the layer was written meanwhile.
 */
async function readPaged(repo: TileRepository, layer: Layer): Promise<ShapeSource | undefined> {
  const columns = new SourceColumns();
  let page = repo.featurePage(layer.id, columns.last, SHAPE_ROWS_PAGE);
  columns.add(page);
  while (page.length === SHAPE_ROWS_PAGE) {
    await new Promise((resolve) => setImmediate(resolve));
    const next = repo.snapshot(() => (repo.version(layer.id) === layer.version ? repo.featurePage(layer.id, columns.last, SHAPE_ROWS_PAGE) : undefined));
    if (!next) return undefined;
    page = next;
    columns.add(page);
  }
  return columns.source(layer);
}

/** Reads a layer's rows in one statement (in the caller's read snapshot): the way out when paged reads keep being overtaken by writes. */
function readWhole(repo: TileRepository, layer: Layer): ShapeSource {
  const columns = new SourceColumns();
  columns.add(repo.allFeatures(layer.id));
  return columns.source(layer);
}

const shared = new ShapeWorker();
let services = 0;

/** Stops the process's shape worker as a crash would (for tests of that path); the next shape tile starts a fresh one. */
export const terminateShapeWorker = (): Promise<void> => shared.terminate();

/**
 * The line and polygon layers of one tile service, indexed and encoded in the process's shape worker
 * (one for every service, started on the first shape tile): a layer's rows are read here once per layer
 * version, in pages over several event-loop turns; the parsing, clipping, simplification and encoding
 * happen off the event loop.
 */
export function createShapeTiles(repo: TileRepository) {
  const prefix = `${(services += 1)}/`;
  const loading = new Map<string, { version: number; rows: Promise<ShapeSource | undefined> }>();

  function load(layer: Layer): Promise<ShapeSource | undefined> {
    const key = prefix + layer.id;
    const known = loading.get(key);
    if (known?.version === layer.version) return known.rows;
    const rows: Promise<ShapeSource | undefined> = readPaged(repo, layer).finally(() => {
      if (loading.get(key)?.rows === rows) loading.delete(key);
    });
    loading.set(key, { version: layer.version, rows });
    return rows;
  }

  return {
    /**
     * The shape layers of a tile encoded as MVT layers within `budget` bytes (empty: no feature). Starts reading the
     * rows of layers whose current version the worker has not built, so call it inside the read snapshot the
     * versions come from; `paged` false reads them at once. StaleShapeError when a layer was written meanwhile.
     */
    encode(layers: readonly Layer[], t: TileAddress, budget: number, paged = true): Promise<Buffer> {
      const refs = layers.map((l) => ({ key: prefix + l.id, name: l.id, version: l.version }));
      const missing = layers.filter((l) => !shared.has(prefix + l.id, l.version));
      if (missing.length === 0) return shared.encode(refs, t, budget);
      const sources = missing.map((l) => (paged ? load(l) : Promise.resolve(readWhole(repo, l))));
      return Promise.all(sources).then((loaded) => {
        loaded.forEach((source, i) => {
          const layer = missing[i]!;
          if (!source) throw new StaleShapeError(`layer ${layer.id} was written while its rows were read`);
          if (!shared.has(prefix + layer.id, layer.version)) shared.build(prefix + layer.id, layer.version, source);
        });
        return shared.encode(refs, t, budget);
      });
    },
  };
}
