import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

/** An area: a polygon (with holes) or several. */
export type Area = Polygon | MultiPolygon;

/** A bounding box `[west, south, east, north]`. */
export type BBox = [number, number, number, number];

/** Whether a geometry is an area (Polygon or MultiPolygon). */
export function isArea(geometry: Geometry | null | undefined): geometry is Area {
  return geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
}

const boxes = new WeakMap<Area, BBox>();

/** The bounding box of an area's outer rings (remembered per geometry object). */
export function areaBbox(area: Area): BBox {
  let box = boxes.get(area);
  if (box) return box;
  box = [Infinity, Infinity, -Infinity, -Infinity];
  const shells = area.type === 'Polygon' ? [area.coordinates[0] ?? []] : area.coordinates.map((p) => p[0] ?? []);
  for (const ring of shells) {
    for (const [x, y] of ring) {
      if (x! < box[0]) box[0] = x!;
      if (y! < box[1]) box[1] = y!;
      if (x! > box[2]) box[2] = x!;
      if (y! > box[3]) box[3] = y!;
    }
  }
  boxes.set(area, box);
  return box;
}

/** Where a point lies against a closed ring: 1 inside, 0 on its edge, -1 outside (even-odd rule). */
function ringSide(x: number, y: number, ring: readonly Position[]): 1 | 0 | -1 {
  let inside = false;
  for (let i = 1; i < ring.length; i += 1) {
    const [ax, ay] = ring[i - 1] as [number, number];
    const [bx, by] = ring[i] as [number, number];
    const onLine = (bx - ax) * (y - ay) - (by - ay) * (x - ax) === 0;
    if (onLine && x >= Math.min(ax, bx) && x <= Math.max(ax, bx) && y >= Math.min(ay, by) && y <= Math.max(ay, by)) return 0;
    if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Where a point lies against one polygon: inside its shell and outside its holes is 1; on any ring's edge 0. */
function polygonSide(x: number, y: number, rings: readonly (readonly Position[])[]): 1 | 0 | -1 {
  const [shell, ...holes] = rings;
  if (!shell) return -1;
  const side = ringSide(x, y, shell);
  if (side !== 1) return side;
  for (const hole of holes) {
    const inHole = ringSide(x, y, hole);
    if (inHole !== -1) return inHole === 0 ? 0 : -1;
  }
  return 1;
}

/**
 * Whether a point lies in an area: inside a polygon's shell and not in one of its holes. A point on
 * an edge (shell or hole) counts as inside unless `ignoreBoundary`. A bounding-box test comes first.
 */
export function pointInArea(point: Position, area: Area, options: { ignoreBoundary?: boolean } = {}): boolean {
  const [x, y] = point as [number, number];
  const [w, s, e, n] = areaBbox(area);
  if (x < w || x > e || y < s || y > n) return false;
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  for (const rings of polygons) {
    const side = polygonSide(x, y, rings);
    if (side === 1 || (side === 0 && !options.ignoreBoundary)) return true;
  }
  return false;
}

/**
 * The first feature whose area contains the point (an edge counts), e.g. the community or the
 * grid cell of a place; features that are not areas are passed over.
 */
export function areaContaining<F extends Feature>(point: Position, features: Iterable<F>): (F & Feature<Area>) | undefined {
  for (const feature of features) {
    if (isArea(feature.geometry) && pointInArea(point, feature.geometry)) return feature as F & Feature<Area>;
  }
  return undefined;
}
