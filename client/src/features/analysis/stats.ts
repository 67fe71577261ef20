import { area, booleanPointInPolygon, featureCollection, intersect } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { clippedLength, isAreal, lineStrings, pointPositions } from './geometry';

/** One summed numeric property. */
export interface PropertySum {
  key: string;
  value: number;
}

/** Statistics of a layer inside a polygon. */
export interface LayerStats {
  /** Features with any part inside the polygon. */
  count: number;
  /** Total length in m of the counted lines' parts inside the polygon. */
  lengthM: number;
  /** Total area in m² of the counted polygons' parts inside the polygon. */
  areaM2: number;
  /** Per additive schema property, the sum of the counted features' values (whole values, not pro-rated). */
  sums: PropertySum[];
}

/**
 * The numeric schema properties that make sense to add up: numbers and integers except
 * percentages (unit `%`) and years (a key containing `year`).
 */
export function additiveKeys(schema: { properties: Record<string, { type: string; 'x-unit'?: string }> }): string[] {
  return Object.entries(schema.properties)
    .filter(([key, p]) => (p.type === 'number' || p.type === 'integer') && p['x-unit'] !== '%' && !/year/i.test(key))
    .map(([key]) => key);
}

/** How much of one feature lies inside the polygon: `inside` false when none of it does. */
function measureInside(feature: Feature, polygon: Feature<Polygon | MultiPolygon>): { inside: boolean; lengthM: number; areaM2: number } {
  const geometry = feature.geometry;
  const points = pointPositions(geometry);
  if (points.length > 0) return { inside: points.some((p) => booleanPointInPolygon(p, polygon)), lengthM: 0, areaM2: 0 };
  const lines = lineStrings(geometry);
  if (lines.length > 0) {
    const lengthM = lines.reduce((s, line) => s + clippedLength(line, polygon.geometry), 0);
    return { inside: lengthM > 0, lengthM, areaM2: 0 };
  }
  if (!isAreal(geometry)) return { inside: false, lengthM: 0, areaM2: 0 };
  const part = intersect(featureCollection([{ type: 'Feature', geometry, properties: {} }, polygon]));
  const areaM2 = part ? area(part) : 0;
  return { inside: areaM2 > 0, lengthM: 0, areaM2 };
}

/**
 * Statistics of a layer inside a polygon (drawn, or a community). A feature counts when any part
 * of it lies inside: a point inside or on the boundary (a multipoint when one of its points is), a
 * line with a length > 0 inside, a polygon with an area > 0 inside. Lines add their clipped length
 * and polygons their clipped area; `sumKeys` are summed over the counted features, each with its
 * whole value (a street half inside adds its whole budget), non-numbers counting 0.
 */
export function statsInPolygon(collection: FeatureCollection, polygon: Polygon | MultiPolygon, sumKeys: readonly string[] = []): LayerStats {
  const clip: Feature<Polygon | MultiPolygon> = { type: 'Feature', geometry: polygon, properties: {} };
  const sums = new Map(sumKeys.map((k) => [k, 0]));
  let count = 0;
  let lengthM = 0;
  let areaM2 = 0;
  for (const feature of collection.features) {
    const inside = measureInside(feature, clip);
    if (!inside.inside) continue;
    count += 1;
    lengthM += inside.lengthM;
    areaM2 += inside.areaM2;
    for (const key of sumKeys) {
      const value = feature.properties?.[key];
      if (typeof value === 'number' && Number.isFinite(value)) sums.set(key, sums.get(key)! + value);
    }
  }
  return { count, lengthM, areaM2, sums: [...sums].map(([key, value]) => ({ key, value })) };
}
