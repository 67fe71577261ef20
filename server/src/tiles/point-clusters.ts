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
 * (the same cell has the same members in every tile that shows it). A cell of more than
 * one point adds one point at the members' mean position (floored, so it stays inside its
 * cell) with `point_count`, `cluster=true` and `cluster_members=true` (its members are in
 * the tile too). Every point is written as well, with its id and properties, the members
 * of a cluster tagged `in_cluster=true`: the console draws clusters and single points, a
 * heatmap or a filtered view the points. Only what lies within the tile's buffer is written.
 * `raw` encodes points (items in id order); past `rawLimit` points the members are left out.
 */
export function clusterLayer(index: PointIndex, items: Uint32Array, t: TileAddress, raw: (items: Uint32Array) => PointLayer, rawLimit = Infinity): PointLayer {
  const scale = 2 ** t.z * EXTENT;
  const side = CELLS_PER_TILE + 2;
  const x0 = t.x * CELLS_PER_TILE - 1;
  const y0 = t.y * CELLS_PER_TILE - 1;
  const count = new Uint32Array(side * side);
  const sx = new Float64Array(side * side);
  const sy = new Float64Array(side * side);
  for (const i of items) {
    const cx = Math.floor(index.wx[i]! * 2 ** t.z * CELLS_PER_TILE) - x0;
    const cy = Math.floor(index.wy[i]! * 2 ** t.z * CELLS_PER_TILE) - y0;
    if (cx < 0 || cy < 0 || cx >= side || cy >= side) continue;
    const c = cy * side + cx;
    count[c] = count[c]! + 1;
    sx[c] = sx[c]! + index.wx[i]! * scale - t.x * EXTENT;
    sy[c] = sy[c]! + index.wy[i]! * scale - t.y * EXTENT;
  }
  const points: number[] = [];
  const members = new Set<number>();
  const clusters: { x: number; y: number; n: number }[] = [];
  for (let c = 0; c < count.length; c += 1) {
    const n = count[c]!;
    if (n < 2) continue;
    const x = Math.floor(sx[c]! / n);
    const y = Math.floor(sy[c]! / n);
    if (inBuffer(x) && inBuffer(y)) clusters.push({ x, y, n });
  }
  // every point in the buffer goes too (a cluster's members tagged `in_cluster`): a heatmap or a
  // filter on the client reads the points, the console draws the clusters and the single points
  for (const i of items) {
    const x = index.wx[i]! * scale - t.x * EXTENT;
    const y = index.wy[i]! * scale - t.y * EXTENT;
    if (!inBuffer(Math.round(x)) || !inBuffer(Math.round(y))) continue;
    points.push(i);
    const cx = Math.floor(index.wx[i]! * 2 ** t.z * CELLS_PER_TILE) - x0;
    const cy = Math.floor(index.wy[i]! * 2 ** t.z * CELLS_PER_TILE) - y0;
    if (cx >= 0 && cy >= 0 && cx < side && cy < side && count[cy * side + cx]! > 1) members.add(i);
  }
  // past the raw-point budget, the members stay out (clusters and single points only)
  const sorted = Uint32Array.from(points.length > rawLimit ? points.filter((i) => !members.has(i)) : points).sort();
  if (points.length > rawLimit) members.clear();
  const layer = raw(sorted);
  // reuse a key or value the single points already put in the tables: MVT tables hold no duplicates
  const slot = <T>(table: T[], v: T) => {
    const at = table.indexOf(v);
    return at >= 0 ? at : table.push(v) - 1;
  };
  if (members.size > 0) {
    const memberKey = slot(layer.keys, 'in_cluster');
    const memberValue = slot<TagValue>(layer.values, true);
    sorted.forEach((i, n) => {
      if (members.has(i)) layer.points[n]!.tags.push(memberKey, memberValue);
    });
  }
  if (clusters.length === 0) return layer;
  const countKey = slot(layer.keys, 'point_count');
  const clusterKey = slot(layer.keys, 'cluster');
  const membersKey = slot(layer.keys, 'cluster_members');
  const trueValue = slot<TagValue>(layer.values, true);
  const valueOf = new Map<number, number>();
  for (const { x, y, n } of clusters) {
    let v = valueOf.get(n);
    if (v === undefined) {
      v = slot<TagValue>(layer.values, n);
      valueOf.set(n, v);
    }
    layer.points.push({ x, y, tags: [countKey, v, clusterKey, trueValue, membersKey, trueValue] });
  }
  return layer;
}
