import type { Layer } from '../features/layers';
import type { TileRepository } from './tile-repository';
import type { TileAddress } from './tile-math';
import { tilePropertyNames } from './tile-features';
import type { ShapeRows } from './shape-worker';
import { shapeWorker, StaleShapeError, type RowsRead } from './shape-worker-client';

/** Rows of a layer read, and posted to the shape worker, per event-loop turn (about 30 ms of SQLite for 10^4 small polygons). */
export const SHAPE_ROWS_PAGE = 10_000;

type Row = { id: number; geometry: string; properties: string };

function columnsOf(rows: readonly Row[]): ShapeRows {
  const out: ShapeRows = { ids: new Array<number>(rows.length), geometries: new Array<string>(rows.length), properties: new Array<string>(rows.length) };
  rows.forEach((row, i) => {
    out.ids[i] = row.id;
    out.geometries[i] = row.geometry;
    out.properties[i] = row.properties;
  });
  return out;
}

/**
 * Reads a layer's rows at `layer.version` into the shape worker in pages of SHAPE_ROWS_PAGE, one page per
 * event-loop turn: the first now (in the caller's read snapshot, which gave that version), each next one in
 * a snapshot of its own that must still see that version (every write bumps it). Undefined when the layer
 * was written meanwhile or the worker restarted.
 */
async function readPaged(repo: TileRepository, layer: Layer): Promise<RowsRead | undefined> {
  const read = shapeWorker.startRead();
  try {
    let page: Row[] | undefined = repo.featurePage(layer.id, Number.MIN_SAFE_INTEGER, SHAPE_ROWS_PAGE);
    for (;;) {
      if (!shapeWorker.addRows(read, columnsOf(page))) return undefined;
      if (page.length < SHAPE_ROWS_PAGE) return read;
      const after: number = page[page.length - 1]!.id;
      await new Promise((resolve) => setImmediate(resolve));
      page = repo.snapshot((): Row[] | undefined => (repo.version(layer.id) === layer.version ? repo.featurePage(layer.id, after, SHAPE_ROWS_PAGE) : undefined));
      if (!page) {
        shapeWorker.discard(read);
        return undefined;
      }
    }
  } catch (err) {
    shapeWorker.discard(read);
    throw err;
  }
}

/** Reads a layer's rows into the worker in one statement (in the caller's read snapshot): the way out when paged reads keep being overtaken by writes. */
function readWhole(repo: TileRepository, layer: Layer): RowsRead | undefined {
  const read = shapeWorker.startRead();
  return shapeWorker.addRows(read, columnsOf(repo.allFeatures(layer.id))) ? read : undefined;
}

/** What the worker's build needs of a layer's definition. */
const buildOptions = (layer: Layer) => ({
  names: tilePropertyNames(layer.schema),
  labelled: layer.geometryType === 'Polygon' && layer.options.labelProperty !== undefined,
});

let services = 0;

/**
 * The line and polygon layers of one tile service, indexed and encoded in the process's shape worker
 * (one for every service, started on the first shape tile): a layer's rows are read here once per layer
 * version, in pages over several event-loop turns; their parsing, the index, its clipping and simplification
 * and the encoding happen off the event loop.
 */
export function createShapeTiles(repo: TileRepository) {
  const prefix = `${(services += 1)}/`;
  // reads under way, per layer: tiles that need the same version wait for the same read
  const loading = new Map<string, { version: number; read: Promise<{ read: RowsRead | undefined; used: boolean }> }>();

  function load(layer: Layer, paged: boolean) {
    const key = prefix + layer.id;
    const known = loading.get(key);
    if (paged && known?.version === layer.version) return known.read;
    const read = paged ? readPaged(repo, layer) : Promise.resolve(readWhole(repo, layer));
    const shared = read.then((r) => ({ read: r, used: false })).finally(() => {
      if (loading.get(key)?.read === shared) loading.delete(key);
    });
    if (paged) loading.set(key, { version: layer.version, read: shared });
    return shared;
  }

  return {
    /**
     * The shape layers of a tile encoded as MVT layers within `budget` bytes (empty: no feature). Starts reading the
     * rows of layers whose current version the worker has not built, so call it inside the read snapshot the
     * versions come from; `paged` false reads them at once. StaleShapeError when a layer was written meanwhile.
     */
    encode(layers: readonly Layer[], t: TileAddress, budget: number, paged = true): Promise<Buffer> {
      const refs = layers.map((l) => ({ key: prefix + l.id, name: l.id, version: l.version }));
      const missing = layers.filter((l) => !shapeWorker.has(prefix + l.id, l.version));
      if (missing.length === 0) return shapeWorker.encode(refs, t, budget);
      const reads = missing.map((l) => load(l, paged));
      return Promise.all(reads).then((loaded) => {
        loaded.forEach((rows, i) => {
          const layer = missing[i]!;
          const key = prefix + layer.id;
          if (shapeWorker.has(key, layer.version)) {
            // built meanwhile from another read (a tile that read at once)
            if (rows.read && !rows.used) shapeWorker.discard(rows.read);
            rows.used = true;
            return;
          }
          const built = rows.read !== undefined && !rows.used && shapeWorker.build(key, layer.version, rows.read, buildOptions(layer));
          rows.used = true;
          if (!built) throw new StaleShapeError(`layer ${layer.id} was written, or the shape worker restarted, while its rows were read`);
        });
        return shapeWorker.encode(refs, t, budget);
      });
    },
  };
}
