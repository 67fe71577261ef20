import type GeoJSONVT from 'geojson-vt';
import { BUFFER, EXTENT, latToWorldY, lonToWorldX } from './tile-math';

/** Deepest zoom an index is split to ahead of requests, and most tiles split so (bounds memory and work). */
export const PRESPLIT = { maxZoom: 18, maxTiles: 4096, sliceMs: 8 } as const;

/**
 * Most tiles one feature marks at a zoom: a feature whose box spans more (a long road, a district
 * boundary) is marked at the deepest zoom where it spans at most this many, and its tiles below
 * that are split on demand.
 */
export const MAX_MARKED_PER_FEATURE = 16;

/** geojson-vt's tile id: unique per z/x/y up to z24, exact in a double. */
const keyOf = (z: number, x: number, y: number) => ((2 ** z) * y + x) * 32 + z;

/**
 * The tiles, down to PRESPLIT.maxZoom, that features' bounding boxes touch (the tile buffer
 * included), with all their ancestors: where splitting ahead of requests pays. Unlike the
 * features of a built tile, it also knows the low-zoom tiles whose small features the
 * simplification dropped (a z0 tile of 10^5 buildings is empty, its z18 tiles are not).
 */
export class TileOccupancy {
  private readonly keys = new Set<number>();

  /** Marks the tiles a WGS84 box touches, at PRESPLIT.maxZoom or the deepest zoom where it touches at most MAX_MARKED_PER_FEATURE. */
  add(west: number, south: number, east: number, north: number): void {
    const x0 = lonToWorldX(west);
    const x1 = lonToWorldX(east);
    const y0 = latToWorldY(north);
    const y1 = latToWorldY(south);
    for (let z = PRESPLIT.maxZoom; z >= 0; z -= 1) {
      const n = 2 ** z;
      const margin = BUFFER / EXTENT;
      const tx0 = Math.max(0, Math.floor(x0 * n - margin));
      const tx1 = Math.min(n - 1, Math.floor(x1 * n + margin));
      const ty0 = Math.max(0, Math.floor(y0 * n - margin));
      const ty1 = Math.min(n - 1, Math.floor(y1 * n + margin));
      if ((tx1 - tx0 + 1) * (ty1 - ty0 + 1) > MAX_MARKED_PER_FEATURE) continue;
      for (let x = tx0; x <= tx1; x += 1) for (let y = ty0; y <= ty1; y += 1) this.mark(z, x, y);
      return;
    }
  }

  /** Marks every position of a GeoJSON coordinate nesting (a position, ring, polygon or multipolygon) as one box. */
  addCoordinates(coordinates: unknown): void {
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    extend(coordinates, box);
    if (box[0]! <= box[2]!) this.add(box[0]!, box[1]!, box[2]!, box[3]!);
  }

  /** Whether a tile was marked or holds a marked tile. */
  has(z: number, x: number, y: number): boolean {
    return this.keys.has(keyOf(z, x, y));
  }

  private mark(z: number, x: number, y: number): void {
    // a tile's ancestors are marked with it, so the first one already there ends the walk
    for (; z >= 0 && !this.keys.has(keyOf(z, x, y)); z -= 1, x >>= 1, y >>= 1) this.keys.add(keyOf(z, x, y));
  }
}

function extend(c: unknown, box: number[]): void {
  if (!Array.isArray(c) || c.length === 0) return;
  if (typeof c[0] === 'number') {
    const [lon, lat] = c as number[];
    if (lon! < box[0]!) box[0] = lon!;
    if (lat! < box[1]!) box[1] = lat!;
    if (lon! > box[2]!) box[2] = lon!;
    if (lat! > box[3]!) box[3] = lat!;
    return;
  }
  for (const inner of c) extend(inner, box);
}

/**
 * Splits a fresh index down to PRESPLIT.maxZoom over the occupied tiles, breadth first, off the
 * request path (in setImmediate slices of about PRESPLIT.sliceMs): the clipping and
 * simplification of those tiles then happen once per layer version, not in a request.
 * Stops when `live()` turns false (a write replaced the index); calls `done` when it has split all it would.
 */
export function presplit(index: GeoJSONVT, occupied: TileOccupancy, live: () => boolean, done?: () => void): void {
  const queue: number[] = [0, 0, 0];
  let head = 0;
  let split = 0;
  const step = () => {
    if (!live()) return;
    const until = performance.now() + PRESPLIT.sliceMs;
    while (head < queue.length && split < PRESPLIT.maxTiles && performance.now() < until) {
      const z = queue[head]!; const x = queue[head + 1]!; const y = queue[head + 2]!;
      head += 3;
      split += 1;
      index.getTileRaw(z, x, y);
      if (z >= PRESPLIT.maxZoom) continue;
      for (let dx = 0; dx < 2; dx += 1) {
        for (let dy = 0; dy < 2; dy += 1) if (occupied.has(z + 1, 2 * x + dx, 2 * y + dy)) queue.push(z + 1, 2 * x + dx, 2 * y + dy);
      }
    }
    if (head < queue.length && split < PRESPLIT.maxTiles) setImmediate(step);
    else done?.();
  };
  setImmediate(step);
}
