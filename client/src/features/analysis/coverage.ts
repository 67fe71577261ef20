import { area, featureCollection } from '@turf/turf';
import type { Feature, FeatureCollection, GeoJsonProperties, MultiLineString, Polygon, Position } from 'geojson';
import { isValidRadius, MAX_RADIUS_METERS, TooManyFeaturesError } from './buffer';
import { countBuildings } from './coverageBuildings';
import { arealFeatures, pointPositions, type AreaFeature } from './geometry';
import { localPlane, planeBounds, type LocalPlane } from './localPlane';
import { areaOfRows, discRows, intersectIntervals, polygonRows, subtractIntervals, type ScanGrid } from './scanline';
import { drawRegions } from './coverageShapes';

/** The service radius the coverage analysis starts with, in metres. */
export const DEFAULT_COVERAGE_RADIUS = 300;
/** Vertices of each drawn coverage circle. */
export const CIRCLE_STEPS = 64;
/**
 * The most facility points one coverage run takes: 10,000 at 300 m stay well under a second in
 * scripts/bench/analysis.bench.ts (the work is bounded by the scan lines, not by unions).
 */
export const MAX_COVERAGE_FACILITIES = 10_000;
/** Above this many facility points the circles are not drawn (`circles` is empty): the coverage is. */
export const MAX_DRAWN_CIRCLES = 1000;
/** The widest spacing of the scan lines, metres; a twentieth of the radius where that is less. */
export const MAX_SCAN_STEP_M = 2;
/** Scan lines reach this far beyond the communities (or the facilities when there are none), metres. */
const WINDOW_MARGIN_M = 1000;
const MAX_SCAN_LINES = 10_000;
/** Chords (disc × scan line) one run computes at most: the spacing widens to keep under it. */
const MAX_CHORDS = 3_000_000;

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
  /** Geodesic area of the community (turf `area`), m². */
  areaM2: number;
  /** Area of the community inside the coverage, m²: `share` × `areaM2`. */
  coveredM2: number;
  /** Share of the community within the radius of a facility (0 for an empty area). */
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
  /** The part of the community outside the coverage (the community itself when none of it is covered), null when fully covered. */
  uncovered: AreaFeature | null;
  /** The boundary of `uncovered` as lines (its strips share edges); null when fully covered. */
  uncoveredOutline: Feature<MultiLineString> | null;
}

/** The result of a coverage analysis. */
export interface CoverageResult {
  radiusM: number;
  /** Facility points the circles are drawn around. */
  facilities: number;
  /** One circle per facility point (`CIRCLE_STEPS` vertices); none above `MAX_DRAWN_CIRCLES` points. */
  circles: FeatureCollection<Polygon>;
  /** The area within the radius of a facility, as strips between scan lines; null without facilities. */
  coverage: AreaFeature | null;
  /** The boundary of `coverage` (its strips share edges, so their outlines would show seams). */
  coverageOutline: Feature<MultiLineString> | null;
  /** Spacing of the scan lines the areas were measured on, metres. */
  scanStepM: number;
  /** Spacing of the scan lines `coverage` and the uncovered parts are drawn from (a multiple of `scanStepM`), metres. */
  drawnStepM: number;
  rows: CommunityCoverage[];
  /** Sums of the community rows (the communities do not overlap). */
  total: CoverageFigures;
  /** Buildings whose representative point lies in no community (counted in no row). */
  buildingsOutside: number;
}

export { buildingPoint } from './coverageBuildings';

/** Told the share of a run done, from 0 to 1. */
export type ProgressCallback = (done: number) => void;

function share(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, part / whole) : 0;
}

function ringsOf(feature: AreaFeature): Position[][] {
  return feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
}

/** The scan lines: over the communities (else the facilities) and `WINDOW_MARGIN_M` or the radius around them, spaced for accuracy and bounded work. */
function scanGrid(plane: LocalPlane, communities: readonly AreaFeature[], points: readonly [number, number][], radiusM: number): ScanGrid {
  const outline = communities.flatMap((c) => ringsOf(c).flat().map((p) => plane.toPlane(p)));
  const bounds = planeBounds(outline.length ? outline : points) ?? [0, 0, 0, 0];
  const margin = Math.min(radiusM, WINDOW_MARGIN_M);
  const [y0, y1] = [bounds[1] - margin, bounds[3] + margin];
  const height = Math.max(y1 - y0, 1e-6);
  const step = Math.max(Math.min(MAX_SCAN_STEP_M, radiusM / 20), height / MAX_SCAN_LINES, (points.length * Math.min(2 * radiusM, height)) / MAX_CHORDS);
  return { y0, step, count: Math.ceil(height / step) };
}

function circleOf(plane: LocalPlane, [x, y]: [number, number], radiusM: number): Feature<Polygon> {
  const ring = Array.from({ length: CIRCLE_STEPS + 1 }, (_, k) => {
    const angle = (2 * Math.PI * (k % CIRCLE_STEPS)) / CIRCLE_STEPS;
    return plane.toLonLat(x + radiusM * Math.cos(angle), y + radiusM * Math.sin(angle));
  });
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/**
 * Service coverage of a facility layer: the area within the radius of a facility point, per
 * community its area, the area covered, the share, and the part left uncovered.
 *
 * Method: in a local metric plane, horizontal scan lines `scanStepM` apart (at most 2 m, a
 * twentieth of the radius where less) cross the communities and the facilities' discs; on each
 * line the discs' chords are merged exactly and intersected with the community's, and areas
 * follow by the midpoint rule. The share is within 1 % of the exact one for radii of 3 m and more
 * (a lone 300 m disc: within 0.01 %; at most 10,000 lines, 3 million chords), `coveredM2` is that
 * share of turf's `area` of the community. The drawn parts may use every k-th line (`drawnStepM`,
 * coverageShapes.ts). A building is covered when
 * its representative point (`buildingPoint`) is within the radius (turf `distance`) of a facility
 * found through a KD-tree, and belongs to the first community that contains that point; its
 * households come from `householdsKey` (non-numbers count 0).
 * @throws RangeError for a radius outside (0, MAX_RADIUS_METERS]; TooManyFeaturesError above `MAX_COVERAGE_FACILITIES` facility points.
 */
export function serviceCoverage(input: CoverageInput, onProgress?: ProgressCallback): CoverageResult {
  const { radiusM, householdsKey = 'households' } = input;
  if (!isValidRadius(radiusM)) throw new RangeError(`coverage radius must be above 0 and at most ${MAX_RADIUS_METERS} m, not ${radiusM}`);
  const points = input.facilities.features.flatMap((f) => pointPositions(f.geometry));
  if (points.length > MAX_COVERAGE_FACILITIES) throw new TooManyFeaturesError(points.length, MAX_COVERAGE_FACILITIES);
  const communities = arealFeatures(input.communities);
  const origin = communities[0] ? ringsOf(communities[0])[0]?.[0] : points[0];
  const plane = localPlane(origin ?? [0, 0]);
  const planePoints = points.map((p) => plane.toPlane(p));
  const grid = scanGrid(plane, communities, planePoints, radiusM);

  let reported = 0;
  const progress = (done: number) => {
    if (!onProgress || done - reported < 0.05) return;
    reported = done;
    onProgress(done);
  };
  const xs = Float64Array.from(planePoints, (p) => p[0]);
  const ys = Float64Array.from(planePoints, (p) => p[1]);
  const covered = points.length ? discRows(xs, ys, radiusM, grid, (j) => progress((0.8 * (j + 1)) / grid.count)) : null;

  const parts = communities.map((community) => {
    const inside = polygonRows(ringsOf(community).map((ring) => ring.map((p) => plane.toPlane(p))), grid);
    const coveredRows = covered ? inside.map((r, j) => intersectIntervals(r, covered[j]!)) : [];
    const s = share(covered ? areaOfRows(coveredRows, grid) : 0, areaOfRows(inside, grid));
    // Drawn: the community itself when none of it is covered, nothing when all of it is.
    const rest = covered && s > 0 ? inside.map((r, j) => subtractIntervals(r, covered[j]!)) : null;
    return { community, share: s, rest };
  });
  const drawn = drawRegions([
    ...(covered ? [{ rows: covered, properties: {} }] : []),
    ...parts.map((p) => ({ rows: p.rest ?? [], properties: p.community.properties })),
  ], grid, plane);
  const coverage = covered ? drawn.regions[0] ?? null : null;
  const drawnRests = drawn.regions.slice(covered ? 1 : 0);
  const rows = parts.map(({ community, share: s, rest }, i): CommunityCoverage => {
    const areaM2 = area(community);
    let uncovered: AreaFeature | null = community;
    let uncoveredOutline: Feature<MultiLineString> | null = { type: 'Feature', properties: community.properties, geometry: { type: 'MultiLineString', coordinates: ringsOf(community) } };
    if (rest) {
      uncovered = drawnRests[i]?.polygon ?? null;
      uncoveredOutline = drawnRests[i]?.line ?? null;
    }
    const figures = { buildings: 0, buildingsCovered: 0, households: 0, householdsCovered: 0 };
    return { id: community.id, properties: community.properties, areaM2, coveredM2: s * areaM2, share: s, ...figures, uncovered, uncoveredOutline };
  });
  progress(0.9);

  const buildingsOutside = countBuildings(rows, communities, arealFeatures(input.buildings ?? featureCollection([])), { points, plane, radiusM, householdsKey });

  const circles = points.length <= MAX_DRAWN_CIRCLES ? planePoints.map((p) => circleOf(plane, p, radiusM)) : [];
  onProgress?.(1);
  return {
    radiusM, facilities: points.length, circles: featureCollection(circles), coverage: coverage?.polygon ?? null, coverageOutline: coverage?.line ?? null,
    scanStepM: grid.step, drawnStepM: drawn.stepM, rows, total: totalOf(rows), buildingsOutside,
  };
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
