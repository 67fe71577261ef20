import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { fromGeojsonVt } from 'vt-pbf';
import type { Layer, LayerRepository } from '../features/layers/layer-repository';
import type { TileRepository } from './tile-repository';
import { TileCache, type CachedTile } from './tile-cache';
import { createShapeIndexes } from './shape-index';
import { pointTileFeatures } from './point-tiles';
import { EXTENT, type TileAddress } from './tile-math';
import type { TileFeature } from './tile-features';

/** Size limits of one tile (those of tippecanoe and pg_tileserv). */
export const TILE_LIMITS = { maxBytes: 500 * 1024, maxFeaturesPerLayer: 50_000 } as const;

/** Outcome of resolving a comma-list of layer ids. */
export type LayerVersions = { ok: true; versions: number[] } | { ok: false; unknown: string };

/** A served tile and the cache key it lives under. */
export interface TileResult {
  tile: CachedTile;
  /** The layers' versions joined by commas; part of the cache key and of TileJSON URLs. */
  versionTag: string;
}

function featureSize(f: TileFeature): number {
  if (f.type === 1) return Number(f.tags.point_count ?? 1);
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  for (const ring of f.geometry) {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return (maxX - minX) + (maxY - minY);
}

/** Keeps the `max` largest features (by extent, or by count for aggregated points). */
function keepLargest(features: TileFeature[], max: number): TileFeature[] {
  if (features.length <= max) return features;
  return features.map((f) => ({ f, s: featureSize(f) })).sort((a, b) => b.s - a.s).slice(0, max).map((e) => e.f);
}

function encode(layers: Map<string, TileFeature[]>): Buffer {
  const input: Record<string, { features: TileFeature[] }> = {};
  for (const [id, features] of layers) if (features.length) input[id] = { features };
  return Buffer.from(fromGeojsonVt(input, { version: 2, extent: EXTENT }));
}

/** Encodes layers, dropping the smallest features of the biggest layer until the tile fits the byte limit. */
function encodeWithinLimits(layers: Map<string, TileFeature[]>): Buffer {
  for (const [id, features] of layers) layers.set(id, keepLargest(features, TILE_LIMITS.maxFeaturesPerLayer));
  let raw = encode(layers);
  for (let attempt = 0; raw.length > TILE_LIMITS.maxBytes && attempt < 8; attempt += 1) {
    const [id, features] = [...layers].sort((a, b) => b[1].length - a[1].length)[0]!;
    layers.set(id, keepLargest(features, Math.floor((features.length * TILE_LIMITS.maxBytes * 0.9) / raw.length)));
    raw = encode(layers);
  }
  return raw;
}

/** Builds, caches and serves vector tiles of one or more layers. */
export function createTileService(deps: { layers: LayerRepository; tiles: TileRepository; cacheBytes: number }) {
  const { layers, tiles } = deps;
  const cache = new TileCache(deps.cacheBytes);
  const shapes = createShapeIndexes(tiles);

  function layerFeatures(layer: Layer, t: TileAddress): TileFeature[] {
    return layer.geometryType === 'Point' ? pointTileFeatures(tiles, layer, t) : shapes.features(layer, t);
  }

  function render(ids: string[], t: TileAddress): CachedTile {
    const byLayer = new Map<string, TileFeature[]>();
    for (const id of ids) {
      const layer = layers.get(id);
      if (layer) byLayer.set(id, layerFeatures(layer, t));
    }
    const empty = [...byLayer.values()].every((f) => f.length === 0);
    const raw = empty ? Buffer.alloc(0) : encodeWithinLimits(byLayer);
    const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 22)}"`;
    return { raw, gzip: empty ? raw : gzipSync(raw, { level: 6 }), etag };
  }

  return {
    /** Current versions of the listed layers, or the first unknown id. */
    versions(ids: string[]): LayerVersions {
      const versions: number[] = [];
      for (const id of ids) {
        const v = tiles.version(id);
        if (v === undefined) return { ok: false, unknown: id };
        versions.push(v);
      }
      return { ok: true, versions };
    },
    /** A tile of the listed layers at their given versions, from the cache or freshly built. */
    tile(ids: string[], versions: number[], t: TileAddress): TileResult {
      const versionTag = versions.join(',');
      const key = `${ids.join(',')}@${versionTag}/${t.z}/${t.x}/${t.y}`;
      let tile = cache.get(key);
      if (!tile) {
        tile = render(ids, t);
        cache.set(key, tile);
      }
      return { tile, versionTag };
    },
    /** Cache statistics. */
    cacheStats: () => cache.stats(),
  };
}

/** The tile service's interface. */
export type TileService = ReturnType<typeof createTileService>;
