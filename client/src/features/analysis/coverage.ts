import { area, booleanPointInPolygon, circle, difference, featureCollection, intersect, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, GeoJsonProperties, Polygon, Position } from 'geojson';
import { isValidRadius, MAX_ANALYSIS_FEATURES, MAX_RADIUS_METERS, TooManyFeaturesError } from './buffer';
import { areaOf, arealFeatures, pointPositions, unionAll, type AreaFeature } from './geometry';

/** The service radius the coverage analysis starts with, in metres. */
export const DEFAULT_COVERAGE_RADIUS = 300;
/** Vertices of each coverage circle (turf `circle` steps). */
export const CIRCLE_STEPS = 64;

/** What a coverage analysis runs over. */
export interface CoverageInput {
  /** The facilities: every point (of Point and MultiPoint features) serves the area within the radius. */
  facilities: FeatureCollection;
  /** The communities (polygons) the figures are given for. */
  communities: FeatureCollection;
  /** Buildings (polygons) counted as covered or not; none when omitted. */
  buildings?: FeatureCollection;
  radiusM: number;
  /** The building property holding its households. */
  householdsKey?: string;
}

/** The coverage figures of an area (a community or the district). */
export interface CoverageFigures {
  /** Geodesic area of the community, m². */
  areaM2: number;
  /** Area of the community inside the coverage, m². */
  coveredM2: number;
  /** coveredM2 / areaM2 (0 for an empty area). */
  share: number;
  buildings: number;
  buildingsCovered: number;
  households: number;
  householdsCovered: number;
}

/** One community's coverage. */
export interface CommunityCoverage extends CoverageFigures {
  id: string | number | undefined;
  properties: GeoJsonProperties;
  /** The part of the community outside the coverage, null when fully covered. */
  uncovered: AreaFeature | null;
}

/** The result of a coverage analysis. */
export interface CoverageResult {
  radiusM: number;
  /** Facility points the circles are drawn around. */
  facilities: number;
  /** One circle per facility point (turf `circle`, `CIRCLE_STEPS` vertices). */
  circles: FeatureCollection<Polygon>;
  /** The union of the circles; null without facilities. */
  coverage: AreaFeature | null;
  rows: CommunityCoverage[];
  /** Sums of the community rows (the communities do not overlap). */
  total: CoverageFigures;
  /** Buildings whose representative point lies in no community (counted in no row). */
  buildingsOutside: number;
}

/**
 * The point a building is judged by: turf `pointOnFeature`, i.e. its centroid when that lies
 * inside the footprint, otherwise a point on the footprint.
 */
export function buildingPoint(building: Feature): Position {
  return pointOnFeature(building).geometry.coordinates;
}

function insideAny(point: Position, polygons: readonly AreaFeature[]): boolean {
  return polygons.some((p) => booleanPointInPolygon(point, p));
}

function share(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, part / whole) : 0;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Service coverage of a facility layer: a turf circle of the radius around every facility point,
 * unioned; per community its area, the area inside the coverage, the share, and the part left
 * uncovered. A building is covered when its representative point (`buildingPoint`) lies inside
 * a circle, and belongs to the community that contains that point; its households come from
 * `householdsKey` (non-numbers count 0).
 * @throws RangeError for a radius outside (0, MAX_RADIUS_METERS]; TooManyFeaturesError above `MAX_ANALYSIS_FEATURES` facility points.
 */
export function serviceCoverage(input: CoverageInput): CoverageResult {
  const { radiusM, householdsKey = 'households' } = input;
  if (!isValidRadius(radiusM)) throw new RangeError(`coverage radius must be above 0 and at most ${MAX_RADIUS_METERS} m, not ${radiusM}`);
  const points = input.facilities.features.flatMap((f) => pointPositions(f.geometry));
  if (points.length > MAX_ANALYSIS_FEATURES) throw new TooManyFeaturesError(points.length);
  const circles = points.map((p) => circle(p, radiusM, { units: 'meters', steps: CIRCLE_STEPS }));
  const coverage = unionAll(circles);
  const communities = arealFeatures(input.communities);
  const buildings = arealFeatures(input.buildings ?? featureCollection([])).map((b) => ({
    point: buildingPoint(b),
    households: numberOf(b.properties?.[householdsKey]),
  }));
  const assigned = new Set<number>();

  const rows = communities.map((community): CommunityCoverage => {
    const areaM2 = area(community);
    const covered = coverage ? intersect(featureCollection([community, coverage])) : null;
    const coveredM2 = Math.min(areaM2, areaOf(covered));
    const uncovered = coverage ? difference(featureCollection([community, coverage])) : community;
    const figures = { buildings: 0, buildingsCovered: 0, households: 0, householdsCovered: 0 };
    buildings.forEach((b, i) => {
      if (assigned.has(i) || !booleanPointInPolygon(b.point, community)) return;
      assigned.add(i);
      const isCovered = insideAny(b.point, circles);
      figures.buildings += 1;
      figures.households += b.households;
      if (!isCovered) return;
      figures.buildingsCovered += 1;
      figures.householdsCovered += b.households;
    });
    return { id: community.id, properties: community.properties, areaM2, coveredM2, share: share(coveredM2, areaM2), ...figures, uncovered };
  });

  return { radiusM, facilities: points.length, circles: featureCollection(circles), coverage, rows, total: totalOf(rows), buildingsOutside: buildings.length - assigned.size };
}

/** The sums of coverage rows, with the share of the summed areas. */
export function totalOf(rows: readonly CoverageFigures[]): CoverageFigures {
  const sum = (key: keyof CoverageFigures) => rows.reduce((s, r) => s + r[key], 0);
  const areaM2 = sum('areaM2');
  const coveredM2 = sum('coveredM2');
  return {
    areaM2, coveredM2, share: share(coveredM2, areaM2),
    buildings: sum('buildings'), buildingsCovered: sum('buildingsCovered'), households: sum('households'), householdsCovered: sum('householdsCovered'),
  };
}

/** The uncovered parts of every community as one collection (for the map), each with its community's name. */
export function uncoveredCollection(result: CoverageResult): FeatureCollection {
  return featureCollection(result.rows.flatMap((r) => (r.uncovered ? [{ ...r.uncovered, properties: { name: r.properties?.name ?? null } }] : [])));
}

