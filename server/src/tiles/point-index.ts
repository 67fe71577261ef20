import KDBush from 'kdbush';
import type { TagValue } from './mvt-points';
import { latToWorldY, lonToWorldX } from './tile-math';
import { tileValue } from './tile-features';

/** A point of a layer as read from the database. */
export interface SourcePoint {
  id: number;
  lon: number;
  lat: number;
  properties: Record<string, unknown>;
}

/**
 * An immutable in-memory index of a point layer at one version: a KD-tree of
 * Web Mercator world coordinates plus dictionary-encoded tile properties, items in id order.
 */
export interface PointIndex {
  version: number;
  size: number;
  kd: KDBush;
  ids: Float64Array;
  /** World x and y in [0, 1) per item. */
  wx: Float64Array;
  wy: Float64Array;
  keys: string[];
  /**
   * Per key, the values; `codes[k][i]` is value index + 1 of item i (0: absent). Distinct after a
   * full build; updates append their items' values (a value may then appear twice, which tiles
   * merge). Append-only and shared with the indexes updated from this one (old codes stay valid).
   */
  dictionaries: TagValue[][];
  codes: Uint32Array[];
  /** Items written by updates since the last full build (dictionary values they replaced may be unused). */
  updatedSinceBuild: number;
}

interface Arrays {
  ids: Float64Array;
  wx: Float64Array;
  wy: Float64Array;
  codes: Uint32Array[];
}

function allocate(size: number, keys: number): Arrays {
  return {
    ids: new Float64Array(size), wx: new Float64Array(size), wy: new Float64Array(size),
    codes: Array.from({ length: keys }, () => new Uint32Array(size)),
  };
}

/** Writes a source point into item `i`, adding its tile values to the dictionaries. */
function put(a: Arrays, i: number, p: SourcePoint, keys: string[], dictionaries: TagValue[][], lookups: Map<TagValue, number>[], maxString: number): void {
  a.ids[i] = p.id;
  a.wx[i] = lonToWorldX(p.lon);
  a.wy[i] = latToWorldY(p.lat);
  for (let k = 0; k < keys.length; k += 1) {
    const v = tileValue(p.properties[keys[k]!], maxString);
    if (v === undefined) continue;
    let code = lookups[k]!.get(v);
    if (code === undefined) {
      dictionaries[k]!.push(v);
      code = dictionaries[k]!.length;
      lookups[k]!.set(v, code);
    }
    a.codes[k]![i] = code;
  }
}

function finish(a: Arrays, size: number, base: { version: number; keys: string[]; dictionaries: TagValue[][]; updatedSinceBuild: number }): PointIndex {
  const kd = new KDBush(Math.max(size, 1), 64, Float64Array);
  for (let i = 0; i < size; i += 1) kd.add(a.wx[i]!, a.wy[i]!);
  if (size === 0) kd.add(0, 0);
  kd.finish();
  return { ...base, size, kd, ids: a.ids, wx: a.wx, wy: a.wy, codes: a.codes };
}

/** Builds a point index from the layer's points (in id order) and the names of its tile properties. */
export function buildPointIndex(version: number, points: Iterable<SourcePoint>, count: number, keys: string[], maxString: number): PointIndex {
  const a = allocate(count, keys.length);
  const lookups = keys.map(() => new Map<TagValue, number>());
  const dictionaries: TagValue[][] = keys.map(() => []);
  let i = 0;
  for (const p of points) {
    if (i >= count) break;
    put(a, i, p, keys, dictionaries, lookups, maxString);
    i += 1;
  }
  return finish(a, i, { version, keys, dictionaries, updatedSinceBuild: 0 });
}

/**
 * The index of a later version from an earlier one: drops the items of the `changed`
 * feature ids and merges in `points`, the changed features still in the layer (in id
 * order). Items stay in id order, so tiles are the same as from a full build.
 */
export function updatePointIndex(prev: PointIndex, version: number, changed: readonly number[], points: readonly SourcePoint[], maxString: number): PointIndex {
  const gone = new Set(changed);
  let kept = 0;
  for (let i = 0; i < prev.size; i += 1) if (!gone.has(prev.ids[i]!)) kept += 1;
  const size = kept + points.length;
  const a = allocate(size, prev.keys.length);
  // no value → code map is kept between builds (for a big layer it would cost more memory than the
  // dictionaries): values repeat only within this update's points
  const lookups = prev.keys.map(() => new Map<TagValue, number>());
  let i = 0;
  let j = 0;
  for (let n = 0; n < size; n += 1) {
    while (i < prev.size && gone.has(prev.ids[i]!)) i += 1;
    if (j < points.length && (i >= prev.size || points[j]!.id < prev.ids[i]!)) {
      put(a, n, points[j]!, prev.keys, prev.dictionaries, lookups, maxString);
      j += 1;
    } else {
      a.ids[n] = prev.ids[i]!;
      a.wx[n] = prev.wx[i]!;
      a.wy[n] = prev.wy[i]!;
      for (let k = 0; k < prev.keys.length; k += 1) a.codes[k]![n] = prev.codes[k]![i]!;
      i += 1;
    }
  }
  return finish(a, size, {
    version, keys: prev.keys, dictionaries: prev.dictionaries,
    updatedSinceBuild: prev.updatedSinceBuild + points.length,
  });
}
