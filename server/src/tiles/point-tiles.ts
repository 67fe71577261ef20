import type { Layer } from '../features/layers';
import type { TileRepository } from './tile-repository';
import { BUFFER, EXTENT, type TileAddress } from './tile-math';
import { MAX_TILE_STRING, TILE_LIMITS, tilePropertyNames } from './tile-features';
import { buildPointIndex, updatePointIndex, type PointIndex } from './point-index';
import { encodePointLayer, type EncodedPoint, type PointLayer, type TagValue } from './mvt-points';
import { clusterLayer, clusterRange, isClusteredTile } from './point-clusters';

/** Most raw points in one tile, all its point layers together; past it the remaining layers are aggregated into cells. */
export const RAW_POINT_LIMIT = 15_000;
/** Cell size of aggregated tiles, in tile units (64 of 4096: a 64 × 64 grid plus the buffer). */
export const CELL_SIZE = 64;

/** Value-table slots per dictionary code: an array when the dictionary is small next to the tile's points, else a map. */
function valueSlots(dictionarySize: number, items: number): Int32Array | Map<number, number> {
  return dictionarySize <= 4 * items + 64 ? new Int32Array(dictionarySize + 1).fill(-1) : new Map();
}

function rawLayer(index: PointIndex, name: string, items: Uint32Array, t: TileAddress): PointLayer {
  const scale = 2 ** t.z * EXTENT;
  const keys: string[] = [];
  const keyOf = new Int32Array(index.keys.length).fill(-1);
  const values: TagValue[] = [];
  const valueOf = index.dictionaries.map((d) => valueSlots(d.length, items.length));
  const valueIds = new Map<TagValue, number>();
  const points: EncodedPoint[] = new Array(items.length);
  for (let n = 0; n < items.length; n += 1) {
    const i = items[n]!;
    const tags: number[] = [];
    for (let k = 0; k < index.keys.length; k += 1) {
      const code = index.codes[k]![i]!;
      if (code === 0) continue;
      let key = keyOf[k]!;
      if (key < 0) {
        key = keys.push(index.keys[k]!) - 1;
        keyOf[k] = key;
      }
      const slots = valueOf[k]!;
      let value = slots instanceof Int32Array ? slots[code]! : slots.get(code) ?? -1;
      if (value < 0) {
        const v = index.dictionaries[k]![code - 1]!;
        value = valueIds.get(v) ?? -1;
        if (value < 0) {
          value = values.push(v) - 1;
          valueIds.set(v, value);
        }
        if (slots instanceof Int32Array) slots[code] = value;
        else slots.set(code, value);
      }
      tags.push(key, value);
    }
    points[n] = {
      id: index.ids[i],
      x: Math.round(index.wx[i]! * scale - t.x * EXTENT),
      y: Math.round(index.wy[i]! * scale - t.y * EXTENT),
      tags,
    };
  }
  return { name, keys, values, points };
}

function aggregatedLayer(index: PointIndex, name: string, items: Uint32Array, t: TileAddress): PointLayer {
  const scale = 2 ** t.z * EXTENT;
  const side = (EXTENT + 2 * BUFFER) / CELL_SIZE;
  const n = new Uint32Array(side * side);
  const sx = new Float64Array(side * side);
  const sy = new Float64Array(side * side);
  for (const i of items) {
    const x = index.wx[i]! * scale - t.x * EXTENT;
    const y = index.wy[i]! * scale - t.y * EXTENT;
    const cx = Math.min(side - 1, Math.max(0, Math.floor((x + BUFFER) / CELL_SIZE)));
    const cy = Math.min(side - 1, Math.max(0, Math.floor((y + BUFFER) / CELL_SIZE)));
    const c = cy * side + cx;
    n[c] = n[c]! + 1;
    sx[c] = sx[c]! + x;
    sy[c] = sy[c]! + y;
  }
  const values: TagValue[] = [true];
  const valueOf = new Map<number, number>();
  const points: EncodedPoint[] = [];
  for (let c = 0; c < n.length; c += 1) {
    const count = n[c]!;
    if (count === 0) continue;
    let v = valueOf.get(count);
    if (v === undefined) {
      v = values.push(count) - 1;
      valueOf.set(count, v);
    }
    points.push({ x: Math.round(sx[c]! / count), y: Math.round(sy[c]! / count), tags: [0, v, 1, 0] });
  }
  return { name, keys: ['point_count', 'cluster'], values, points };
}

/** Most changed features for which an index is updated in place of a full rebuild (or a quarter of the layer, if more). */
export const INCREMENTAL_LIMIT = 256;

/** Changes kept per layer to tell which tiles a run of versions left alone. */
const HISTORY = 64;

/** The world positions a run of versions touched (old and new positions of the features it wrote). */
interface Change {
  from: number;
  to: number;
  wx: number[];
  wy: number[];
}

/** Item index of a feature id in an index (items are in id order), or -1. */
function itemOf(index: PointIndex, id: number): number {
  let lo = 0;
  let hi = index.size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = index.ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

/** World-coordinate range of a tile with its buffer: what it draws points from. */
function tileRange(t: TileAddress): [number, number, number, number] {
  const n = 2 ** t.z;
  const pad = BUFFER / EXTENT;
  return [(t.x - pad) / n, (t.y - pad) / n, (t.x + 1 + pad) / n, (t.y + 1 + pad) / n];
}

function touches(change: Change, [minX, minY, maxX, maxY]: [number, number, number, number]): boolean {
  for (let i = 0; i < change.wx.length; i += 1) {
    const x = change.wx[i]!;
    const y = change.wy[i]!;
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) return true;
  }
  return false;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * Point tiles from in-memory indexes, one per layer and version: every point
 * while a tile holds at most RAW_POINT_LIMIT of them, else one point per cell
 * with `point_count` and `cluster`; below a layer's `clusterBelowZoom`, clusters
 * of a fixed world grid (see clusterLayer). After a write, the next tile brings the
 * layer's index up to date: from the change log when it names few features
 * (reading only those), else by reading the whole layer. Call within one read
 * transaction of the repository (the layer's version and its rows must agree).
 */
export function createPointTiles(repo: TileRepository) {
  const indexes = new Map<string, PointIndex>();
  const histories = new Map<string, Change[]>();

  function update(prev: PointIndex, layer: Layer, keys: string[]): PointIndex | undefined {
    if (prev.version >= layer.version || !sameKeys(prev.keys, keys) || prev.updatedSinceBuild > prev.size) return undefined;
    if (layer.version - prev.version > Math.max(INCREMENTAL_LIMIT, prev.size / 4)) return undefined;
    const changed = repo.changedFeatures(layer.id, prev.version, layer.version);
    if (!changed) return undefined;
    const next = updatePointIndex(prev, layer.version, changed, repo.pointsByIds(layer.id, changed), MAX_TILE_STRING);
    const change: Change = { from: prev.version, to: next.version, wx: [], wy: [] };
    for (const id of changed) {
      for (const index of [prev, next]) {
        const i = itemOf(index, id);
        if (i >= 0) {
          change.wx.push(index.wx[i]!);
          change.wy.push(index.wy[i]!);
        }
      }
    }
    const history = histories.get(layer.id) ?? [];
    history.push(change);
    if (history.length > HISTORY) history.shift();
    histories.set(layer.id, history);
    return next;
  }

  function indexOf(layer: Layer): PointIndex {
    const cached = indexes.get(layer.id);
    if (cached && cached.version === layer.version) return cached;
    indexes.delete(layer.id);
    const keys = tilePropertyNames(layer.schema);
    let index = cached && update(cached, layer, keys);
    if (!index) {
      index = buildPointIndex(layer.version, repo.iteratePoints(layer.id), repo.countPoints(layer.id), keys, MAX_TILE_STRING);
      histories.set(layer.id, []);
    }
    indexes.set(layer.id, index);
    return index;
  }

  return {
    /**
     * The encoded MVT layer message for one tile, its feature count and how many of them are
     * raw points: every point while there are at most `rawLimit` (and they fit the byte limit), else cells.
     */
    tile(layer: Layer, t: TileAddress, rawLimit: number = RAW_POINT_LIMIT): { bytes: Uint8Array; features: number; raw: number } {
      const index = indexOf(layer);
      if (index.size === 0) return { bytes: new Uint8Array(0), features: 0, raw: 0 };
      if (isClusteredTile(layer, t)) {
        const items = Uint32Array.from(index.kd.range(...clusterRange(t))).sort();
        if (items.length === 0) return { bytes: new Uint8Array(0), features: 0, raw: 0 };
        let points = 0;
        const clusters = clusterLayer(index, items, t, (some) => {
          points = some.length;
          return rawLayer(index, layer.id, some, t);
        }, rawLimit);
        return { bytes: encodePointLayer(clusters), features: clusters.points.length, raw: points };
      }
      // in item (= id) order: the same points make the same bytes, whatever the KD-tree's shape
      const items = Uint32Array.from(index.kd.range(...tileRange(t))).sort();
      if (items.length === 0) return { bytes: new Uint8Array(0), features: 0, raw: 0 };
      if (items.length <= rawLimit) {
        const raw = rawLayer(index, layer.id, items, t);
        const bytes = encodePointLayer(raw);
        if (bytes.length <= TILE_LIMITS.maxBytes) return { bytes, features: raw.points.length, raw: raw.points.length };
      }
      const cells = aggregatedLayer(index, layer.id, items, t);
      return { bytes: encodePointLayer(cells), features: cells.points.length, raw: 0 };
    },
    /**
     * Whether a tile of the layer at its current version is the same as at version `from`:
     * the index's updates since then are all known and none wrote a feature that was or is in
     * the tile's range. False when unsure (e.g. after a full rebuild).
     */
    unchangedSince(layer: Layer, from: number, t: TileAddress): boolean {
      const to = indexOf(layer).version;
      if (from === to) return true;
      const range = isClusteredTile(layer, t) ? clusterRange(t) : tileRange(t);
      let at = from;
      for (const change of histories.get(layer.id) ?? []) {
        if (change.to <= at) continue;
        if (change.from !== at || touches(change, range)) return false;
        at = change.to;
        if (at === to) return true;
      }
      return false;
    },
    /** Drops the index of a layer (tests, memory pressure). */
    forget: (layerId: string) => {
      histories.delete(layerId);
      return indexes.delete(layerId);
    },
  };
}
