import type { Layer } from '../features/layers';
import { BUFFER, EXTENT, type TileAddress } from './tile-math';
import type { PointIndex } from './point-index';
import type { PointLayer, TagValue } from './mvt-points';

/** Side of a cluster cell in tile units: 8 × 8 cells per tile (64 CSS px at the tile's own zoom). */
export const CLUSTER_CELL = 512;
const CELLS_PER_TILE = EXTENT / CLUSTER_CELL;

/**
 * The zoom below which a point layer's tiles carry clusters (a style hint, `clusterBelowZoom`),
 * or undefined when the layer is never clustered.
 */
export function clusterBelowZoom(layer: Pick<Layer, 'style'>): number | undefined {
  const z = layer.style.clusterBelowZoom;
  return typeof z === 'number' && Number.isFinite(z) ? z : undefined;
}

/** Whether a tile of the layer carries clusters. */
export function isClusteredTile(layer: Pick<Layer, 'style'>, t: TileAddress): boolean {
  const below = clusterBelowZoom(layer);
  return below !== undefined && t.z < below;
}

/**
 * World-coordinate range a clustered tile reads: the tile and one ring of cells around it,
 * so that a cell drawn in the tile's buffer carries the count of all its points.
 */
export function clusterRange(t: TileAddress): [number, number, number, number] {
  const n = 2 ** t.z;
  const pad = CLUSTER_CELL / EXTENT;
  return [(t.x - pad) / n, (t.y - pad) / n, (t.x + 1 + pad) / n, (t.y + 1 + pad) / n];
}

const inBuffer = (v: number) => v >= -BUFFER && v <= EXTENT + BUFFER;

/**
 * A clustered tile: points are grouped by a grid of cells fixed in world coordinates
 * (the same cell has the same members in every tile that shows it). A cell of one point
 * is that raw point with its id and properties; a cell of more is one point at the
 * members' mean position (floored, so it stays inside its cell) with `point_count`
 * and `cluster=true`. Only what lies within the tile's buffer is written.
 * `raw` encodes the single points (items in id order).
 */
export function clusterLayer(index: PointIndex, items: Uint32Array, t: TileAddress, raw: (items: Uint32Array) => PointLayer): PointLayer {
  const scale = 2 ** t.z * EXTENT;
  const side = CELLS_PER_TILE + 2;
  const x0 = t.x * CELLS_PER_TILE - 1;
  const y0 = t.y * CELLS_PER_TILE - 1;
  const count = new Uint32Array(side * side);
  const first = new Int32Array(side * side).fill(-1);
  const sx = new Float64Array(side * side);
  const sy = new Float64Array(side * side);
  for (const i of items) {
    const cx = Math.floor(index.wx[i]! * 2 ** t.z * CELLS_PER_TILE) - x0;
    const cy = Math.floor(index.wy[i]! * 2 ** t.z * CELLS_PER_TILE) - y0;
    if (cx < 0 || cy < 0 || cx >= side || cy >= side) continue;
    const c = cy * side + cx;
    if (count[c] === 0) first[c] = i;
    count[c] = count[c]! + 1;
    sx[c] = sx[c]! + index.wx[i]! * scale - t.x * EXTENT;
    sy[c] = sy[c]! + index.wy[i]! * scale - t.y * EXTENT;
  }
  const singles: number[] = [];
  const clusters: { x: number; y: number; n: number }[] = [];
  for (let c = 0; c < count.length; c += 1) {
    const n = count[c]!;
    if (n === 0) continue;
    const x = n === 1 ? Math.round(sx[c]!) : Math.floor(sx[c]! / n);
    const y = n === 1 ? Math.round(sy[c]!) : Math.floor(sy[c]! / n);
    if (!inBuffer(x) || !inBuffer(y)) continue;
    if (n === 1) singles.push(first[c]!);
    else clusters.push({ x, y, n });
  }
  const layer = raw(Uint32Array.from(singles).sort());
  if (clusters.length === 0) return layer;
  // reuse a key or value the single points already put in the tables: MVT tables hold no duplicates
  const slot = <T>(table: T[], v: T) => {
    const at = table.indexOf(v);
    return at >= 0 ? at : table.push(v) - 1;
  };
  const countKey = slot(layer.keys, 'point_count');
  const clusterKey = slot(layer.keys, 'cluster');
  const trueValue = slot<TagValue>(layer.values, true);
  const valueOf = new Map<number, number>();
  for (const { x, y, n } of clusters) {
    let v = valueOf.get(n);
    if (v === undefined) {
      v = slot<TagValue>(layer.values, n);
      valueOf.set(n, v);
    }
    layer.points.push({ x, y, tags: [countKey, v, clusterKey, trueValue] });
  }
  return layer;
}
