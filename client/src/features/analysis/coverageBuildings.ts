import { booleanPointInPolygon, distance, pointOnFeature } from '@turf/turf';
import type { Feature, Position } from 'geojson';
import KDBush from 'kdbush';
import type { CoverageFigures } from './coverage';
import type { AreaFeature } from './geometry';
import type { LocalPlane } from './localPlane';

/**
 * The point a building is judged by: turf `pointOnFeature`, i.e. its centroid when that lies
 * inside the footprint, otherwise a point on the footprint.
 */
export function buildingPoint(building: Feature): Position {
  return pointOnFeature(building).geometry.coordinates;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The facilities and the rule `countBuildings` judges by. */
export interface BuildingRule {
  /** Facility points (lon/lat). */
  points: readonly Position[];
  plane: LocalPlane;
  radiusM: number;
  householdsKey: string;
}

/**
 * Adds each building (and its households, from `householdsKey`; non-numbers count 0) to the row of
 * the first community containing its `buildingPoint`, as covered when that point is within the
 * radius (turf `distance`) of a facility: the candidates come from a KD-tree over the facilities
 * in the local plane, whose scale is within 0.1 % of the sphere's near the district, so a reach
 * of 2 % and a metre more misses none. Returns how many buildings lie in no community.
 */
export function countBuildings(rows: readonly CoverageFigures[], communities: readonly AreaFeature[], buildings: readonly Feature[], rule: BuildingRule): number {
  const { points, plane, radiusM, householdsKey } = rule;
  const index = points.length ? new KDBush(points.length) : null;
  for (const p of points) index!.add(...plane.toPlane(p));
  index?.finish();
  const reach = radiusM * 1.02 + 1;
  let outside = 0;
  for (const building of buildings) {
    const at = buildingPoint(building);
    const row = rows[communities.findIndex((c) => booleanPointInPolygon(at, c))];
    if (!row) {
      outside++;
      continue;
    }
    const households = numberOf(building.properties?.[householdsKey]);
    const isCovered = !!index && index.within(...plane.toPlane(at), reach).some((i) => distance(at, points[i]!, { units: 'meters' }) <= radiusM);
    row.buildings += 1;
    row.households += households;
    if (!isCovered) continue;
    row.buildingsCovered += 1;
    row.householdsCovered += households;
  }
  return outside;
}
