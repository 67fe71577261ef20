import KDBush from 'kdbush';
import type { TagValue } from './mvt-points';
import { latToWorldY, lonToWorldX } from './tile-math';

/** A point of a layer as read from the database. */
export interface SourcePoint {
  id: number;
  lon: number;
  lat: number;
  properties: Record<string, unknown>;
}

/**
 * An immutable in-memory index of a point layer at one version: a KD-tree of
 * Web Mercator world coordinates plus dictionary-encoded tile properties.
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
  /** Per key, the distinct values; `codes[k][i]` is value index + 1 of item i (0: absent). */
  dictionaries: TagValue[][];
  codes: Uint32Array[];
}

/** Builds a point index from the layer's points and the names of its tile properties. */
export function buildPointIndex(version: number, points: Iterable<SourcePoint>, count: number, keys: string[], maxString: number): PointIndex {
  const kd = new KDBush(Math.max(count, 1), 64, Float64Array);
  const ids = new Float64Array(count);
  const wx = new Float64Array(count);
  const wy = new Float64Array(count);
  const lookups = keys.map(() => new Map<TagValue, number>());
  const dictionaries: TagValue[][] = keys.map(() => []);
  const codes = keys.map(() => new Uint32Array(count));
  let i = 0;
  for (const p of points) {
    if (i >= count) break;
    ids[i] = p.id;
    wx[i] = lonToWorldX(p.lon);
    wy[i] = latToWorldY(p.lat);
    kd.add(wx[i]!, wy[i]!);
    for (let k = 0; k < keys.length; k += 1) {
      const v = p.properties[keys[k]!];
      if (!(typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= maxString))) continue;
      let code = lookups[k]!.get(v);
      if (code === undefined) {
        dictionaries[k]!.push(v);
        code = dictionaries[k]!.length;
        lookups[k]!.set(v, code);
      }
      codes[k]![i] = code;
    }
    i += 1;
  }
  if (count === 0) kd.add(0, 0);
  kd.finish();
  return { version, size: i, kd, ids, wx, wy, keys, dictionaries, codes };
}
