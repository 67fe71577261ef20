import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import type { Layer, LayerRepository } from '../features/layers';
import type { TileRepository } from './tile-repository';
import { TileCache, type CachedTile } from './tile-cache';
import { createShapeTiles } from './shape-tiles';
import { StaleShapeError } from './shape-worker-client';
import { createPointTiles, RAW_POINT_LIMIT } from './point-tiles';
import type { TileAddress } from './tile-math';
import { TILE_LIMITS } from './tile-features';
import { createLayerVersionMemo, type LayerVersions } from './layer-versions';

export type { LayerVersions } from './layer-versions';

/** A served tile and the cache key it lives under. */
export interface TileResult {
  tile: CachedTile;
  /** The layers' versions joined by commas; part of the cache key and of TileJSON URLs. */
  versionTag: string;
}

/** Tiles up to this many raw bytes are gzipped on the event loop when first asked for gzip; bigger ones in the thread pool. */
export const INLINE_GZIP_BYTES = 16 * 1024;

/**
 * gzip level of tiles: 4 takes about a sixth of the time of zlib's default 6 on a 400 KB
 * polygon tile (7 ms against 46–58 ms) for 3–4 % more bytes (docs/benchmarks.md).
 */
const GZIP_OPTIONS = { level: 4 };
const gzipOffThread = promisify(gzip);

/** Most tile addresses whose last versions are remembered for reuse after a write. */
const MAX_REMEMBERED = 100_000;

/**
 * Renders of a tile whose shape layers' rows are read in pages (several event-loop turns) before one reads them at
 * once: a layer written during every paged read still gets its tile.
 */
const PAGED_ATTEMPTS = 2;
/** Renders of a tile at most: beyond, a StaleShapeError (an index dropped again and again before its encode) is an error. */
const MAX_ATTEMPTS = 4;

const keyOf = (ids: string[], versionTag: string, t: TileAddress) => `${ids.join(',')}@${versionTag}/${t.z}/${t.x}/${t.y}`;

/** Builds, caches and serves vector tiles of one or more layers. */
export function createTileService(deps: { layers: LayerRepository; tiles: TileRepository; cacheBytes: number }) {
  const { layers, tiles } = deps;
  const cache = new TileCache(deps.cacheBytes);
  const shapes = createShapeTiles(tiles);
  const points = createPointTiles(tiles);
  const versionMemo = createLayerVersionMemo(tiles.version);

  /** The tile's point layers are encoded here; its line and polygon layers in the shape worker (a promise), within what is left of the budget. */
  function render(current: (Layer | undefined)[], t: TileAddress, attempt: number): CachedTile | Promise<CachedTile> {
    const shapeLayers: Layer[] = [];
    const pointParts: Uint8Array[] = [];
    // one raw-point budget for the whole tile, so that naming more layers cannot multiply the work
    let rawBudget = RAW_POINT_LIMIT;
    for (const layer of current) {
      if (!layer) continue;
      if (layer.geometryType !== 'Point') {
        shapeLayers.push(layer);
        continue;
      }
      const part = points.tile(layer, t, rawBudget);
      pointParts.push(part.bytes);
      rawBudget -= part.raw;
    }
    if (shapeLayers.length === 0) return finish(Buffer.concat(pointParts));
    const pointBytes = pointParts.reduce((sum, p) => sum + p.length, 0);
    const budget = Math.max(TILE_LIMITS.maxBytes - pointBytes, TILE_LIMITS.maxBytes / 4);
    return shapes.encode(shapeLayers, t, budget, attempt < PAGED_ATTEMPTS)
      .then((shapeBytes) => finish(pointParts.length === 0 ? shapeBytes : Buffer.concat([...pointParts, shapeBytes])));
  }

  function finish(raw: Buffer): CachedTile {
    const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 22)}"`;
    // gzipped only when a client asks for it (`gzip()`): an identity request does not pay for it
    return raw.length === 0 ? { raw, gzip: raw, etag } : { raw, etag };
  }

  /** Tiles whose shape layers are being encoded, by cache key: the requests for one share its promise. */
  const rendering = new Map<string, Promise<TileResult>>();

  const gzipping = new WeakMap<CachedTile, Promise<Buffer>>();

  // per tile address, the versions it was last built at: after a write, a cached tile that no
  // write since touched is still right (point layers know where their writes were)
  const built = new Map<string, string>();
  const addressOf = (ids: string[], t: TileAddress) => `${ids.join(',')}/${t.z}/${t.x}/${t.y}`;

  function remember(ids: string[], tag: string, t: TileAddress): void {
    if (built.size >= MAX_REMEMBERED) built.clear();
    built.set(addressOf(ids, t), tag);
  }

  /** The tile as built at earlier versions of the layers, when no write since touched it. */
  function reuse(ids: string[], current: (Layer | undefined)[], t: TileAddress): CachedTile | undefined {
    const earlier = built.get(addressOf(ids, t));
    if (earlier === undefined) return undefined;
    const versions = earlier.split(',').map(Number);
    const same = current.every((layer, i) => layer !== undefined && (layer.version === versions[i]
      || (layer.geometryType === 'Point' && points.unchangedSince(layer, versions[i]!, t))));
    if (!same) return undefined;
    const key = keyOf(ids, earlier, t);
    const tile = cache.get(key);
    cache.delete(key);
    return tile;
  }

  function tileAt(ids: string[], versions: number[], t: TileAddress, attempt: number): TileResult | Promise<TileResult> {
    const versionTag = versions.join(',');
    const asked = keyOf(ids, versionTag, t);
    const cached = cache.get(asked);
    if (cached) return { tile: cached, versionTag };
    const waiting = rendering.get(asked);
    if (waiting) return waiting;
    // one read transaction: the layers' versions and the rows their indexes are built from agree
    // even while another process writes (a tile is cached under the versions it was built from,
    // which may be newer than those the caller read); a promise leaves it boxed (a transaction function must not return one)
    return tiles.snapshot(() => {
      const current = ids.map((id) => layers.get(id));
      const tag = current.map((layer, i) => layer?.version ?? versions[i]).join(',');
      const key = keyOf(ids, tag, t);
      const waitingNow = rendering.get(key);
      if (waitingNow) return [waitingNow] as const;
      let tile = cache.get(key);
      if (tile) {
        remember(ids, tag, t);
        return [{ tile, versionTag: tag }] as const;
      }
      const built = reuse(ids, current, t) ?? render(current, t, attempt);
      if (!(built instanceof Promise)) {
        tile = built;
        cache.set(key, tile);
        remember(ids, tag, t);
        return [{ tile, versionTag: tag }] as const;
      }
      const pending: Promise<TileResult> = built
        .then((done): TileResult => {
          cache.set(key, done);
          remember(ids, tag, t);
          return { tile: done, versionTag: tag };
        }, (err: unknown) => {
          if (!(err instanceof StaleShapeError) || attempt + 1 >= MAX_ATTEMPTS) throw err;
          // a layer was written while its rows were read: the tile at the layers' versions now
          rendering.delete(key);
          return tileAt(ids, versions, t, attempt + 1);
        })
        .finally(() => {
          if (rendering.get(key) === pending) rendering.delete(key);
        });
      rendering.set(key, pending);
      return [pending] as const;
    })[0];
  }

  return {
    /**
     * Current versions of the listed layers, or the first unknown id: read at most once per layer per
     * event-loop turn (see `createLayerVersionMemo`), so a write committed before the turn is seen.
     */
    versions: (ids: string[]): LayerVersions => versionMemo.versions(ids),
    /**
     * Tells the service a layer was written (or created) in this process, before the write is answered:
     * the next request reads its version again, even within the same turn.
     */
    layerChanged: (layerId: string): void => versionMemo.forget(layerId),
    /**
     * A number that changes with each `layerChanged`: an answer derived from `versions` in this
     * event-loop turn holds for the rest of the turn while it stays the same.
     */
    writeCount: (): number => versionMemo.forgotten(),
    /**
     * A tile of the listed layers at their given versions, from the cache or freshly built: at once when it is cached
     * or has only point layers, else a promise (shared by every request for it while its line and polygon layers are
     * encoded in the shape worker).
     */
    tile: (ids: string[], versions: number[], t: TileAddress): TileResult | Promise<TileResult> => tileAt(ids, versions, t, 0),
    /**
     * The gzipped bytes of a served tile, kept with it: at once when it has them or is small
     * (up to INLINE_GZIP_BYTES, compressed here), else compressed in the thread pool (one
     * compression per tile however many ask).
     */
    gzip(tile: CachedTile): Buffer | Promise<Buffer> {
      if (tile.gzip) return tile.gzip;
      if (tile.raw.length <= INLINE_GZIP_BYTES) {
        tile.gzip = gzipSync(tile.raw, GZIP_OPTIONS);
        return tile.gzip;
      }
      let pending = gzipping.get(tile);
      if (!pending) {
        pending = gzipOffThread(tile.raw, GZIP_OPTIONS)
          .then((bytes) => {
            tile.gzip = bytes;
            return bytes;
          })
          .finally(() => gzipping.delete(tile));
        gzipping.set(tile, pending);
      }
      return pending;
    },
    /** Cache statistics. */
    cacheStats: () => cache.stats(),
  };
}

/** The tile service's interface. */
export type TileService = ReturnType<typeof createTileService>;
