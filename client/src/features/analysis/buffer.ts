import { buffer } from '@turf/turf';
import type { Feature } from 'geojson';
import { areaOf, unionAll, type AreaFeature } from './geometry';

/** The largest radius the analysis tools accept, in metres (the district is about 2 km across). */
export const MAX_RADIUS_METERS = 5000;

/**
 * The most features one buffer, nearest or statistics run takes: turf's union of overlapping
 * buffers grows with their number (the turf union of 500 circles of 300 m took 1.4–3.3 s before
 * coverage moved to scan lines, docs/benchmarks.md); the page runs it in the analysis worker
 * (analysisRunner.ts), but the user still waits for it. Coverage has its own, higher limit
 * (`MAX_COVERAGE_FACILITIES`, coverage.ts).
 */
export const MAX_ANALYSIS_FEATURES = 500;

/** Thrown when a run would take more than `MAX_ANALYSIS_FEATURES` features. */
export class TooManyFeaturesError extends RangeError {
  constructor(readonly count: number, readonly limit: number = MAX_ANALYSIS_FEATURES) {
    super(`${count} features are more than the ${limit} one analysis run takes`);
    this.name = 'TooManyFeaturesError';
  }
}

/** A buffer: the union of every feature's buffer, and its geodesic area. */
export interface BufferResult {
  /** The unioned buffer polygon; null when no feature had a geometry. */
  polygon: AreaFeature | null;
  areaM2: number;
  /** Features that were buffered (those with a geometry). */
  count: number;
}

/** Whether a radius is one the tools accept: a finite number of metres above 0 and at most `MAX_RADIUS_METERS`. */
export function isValidRadius(radiusMeters: number): boolean {
  return Number.isFinite(radiusMeters) && radiusMeters > 0 && radiusMeters <= MAX_RADIUS_METERS;
}

/**
 * Buffers features (points, lines or polygons) by a radius in metres with turf and unions the
 * buffers into one (multi)polygon.
 * @throws RangeError for a radius `isValidRadius` rejects; TooManyFeaturesError above `MAX_ANALYSIS_FEATURES` features.
 */
export function bufferFeatures(features: readonly Feature[], radiusMeters: number): BufferResult {
  if (!isValidRadius(radiusMeters)) throw new RangeError(`buffer radius must be above 0 and at most ${MAX_RADIUS_METERS} m, not ${radiusMeters}`);
  if (features.length > MAX_ANALYSIS_FEATURES) throw new TooManyFeaturesError(features.length);
  const buffers = features.flatMap((f) => {
    if (!f.geometry) return [];
    const buffered = buffer(f, radiusMeters, { units: 'meters' });
    return buffered ? [buffered] : [];
  });
  const polygon = unionAll(buffers);
  return { polygon, areaM2: areaOf(polygon), count: buffers.length };
}
