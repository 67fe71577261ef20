import type { Feature, GeoJsonProperties, MultiLineString } from 'geojson';
import type { AreaFeature } from './geometry';
import type { LocalPlane } from './localPlane';
import { coarsen, intervalCount, type Intervals, type ScanGrid } from './scanline';
import { scanShapes, shapeCost } from './scanlineShapes';

/**
 * Positions the drawn coverage and uncovered parts hold at most (polygons and outlines): beyond,
 * every k-th scan line is drawn, so thousands of small discs do not send megabytes to the page
 * and the map (≈ 40 bytes of JSON per position).
 */
export const MAX_DRAWN_POSITIONS = 60_000;

/** A region as the map draws it: its strips and its boundary. */
export interface DrawnRegion {
  polygon: AreaFeature;
  line: Feature<MultiLineString>;
}

/** What `drawRegions` gives: each region drawn (null for one without scan-line intervals) and the spacing it was drawn at. */
export interface DrawnRegions {
  regions: (DrawnRegion | null)[];
  stepM: number;
}

function draw(fine: readonly Intervals[], fineGrid: ScanGrid, k: number, plane: LocalPlane, properties: GeoJsonProperties): DrawnRegion {
  const { rows, grid } = coarsen(fine, fineGrid, k);
  const { polygons, outline } = scanShapes(rows, grid, plane.toLonLat);
  return {
    polygon: { type: 'Feature', properties, geometry: { type: 'MultiPolygon', coordinates: polygons } },
    line: { type: 'Feature', properties, geometry: { type: 'MultiLineString', coordinates: outline } },
  };
}

function positions(region: DrawnRegion | null): number {
  if (!region) return 0;
  const count = (parts: { length: number }[]) => parts.reduce((s, p) => s + p.length, 0);
  return region.polygon.geometry.coordinates.reduce((s, polygon) => s + count(polygon as { length: number }[]), 0) + count(region.line.geometry.coordinates);
}

/**
 * Draws regions given by scan lines on one grid (scanlineShapes.ts), every k-th line where the
 * full resolution would pass `MAX_DRAWN_POSITIONS`: k is the smallest power of two whose
 * estimated cost (`shapeCost`) fits, grown further if the drawing still does not.
 */
export function drawRegions(regions: readonly { rows: readonly Intervals[]; properties: GeoJsonProperties }[], grid: ScanGrid, plane: LocalPlane): DrawnRegions {
  const cost = (k: number) => regions.reduce((s, r) => s + shapeCost(coarsen(r.rows, grid, k).rows), 0);
  // At least four positions an interval: no smaller power of two can fit.
  const intervals = regions.reduce((s, r) => s + intervalCount(r.rows), 0);
  let k = 1;
  while (2 * k <= (4 * intervals) / MAX_DRAWN_POSITIONS) k *= 2;
  while (k < grid.count && cost(k) > MAX_DRAWN_POSITIONS) k *= 2;
  for (;;) {
    const drawn = regions.map((r) => (r.rows.some((row) => row.length > 0) ? draw(r.rows, grid, k, plane, r.properties) : null));
    const count = drawn.reduce((s, d) => s + positions(d), 0);
    if (k >= grid.count || count <= MAX_DRAWN_POSITIONS) return { regions: drawn, stepM: k * grid.step };
    k *= 2;
  }
}
