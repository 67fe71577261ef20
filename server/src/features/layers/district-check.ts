import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../../db/database';
import { createDistrictRepository } from './district-repository';
import type { FeatureRepository } from './feature-repository';
import { districtArea } from './write-checks';

/** The district boundary as a feature, or undefined when its layer is empty. */
export type DistrictArea = () => Feature<Polygon | MultiPolygon> | undefined;

/**
 * The district boundary, read and parsed once per version of its layer. Every check reads the layer's version (one
 * indexed row; a write to the boundary bumps it by trigger on both engines, so every process sees a new boundary at
 * its next check) and tests in JavaScript against the parsed polygon. Measured on PostgreSQL (#14, 1,000 point checks,
 * the demo boundary's 103 positions): reading and parsing the boundary each time ~0.7 ms per check, PostGIS
 * `ST_DWithin(geography, 50 m)` in one query ~0.36 ms, `ST_Intersects` without the tolerance ~0.20 ms, this ~0.2 ms
 * (one round trip; the test itself takes ~0.01-0.05 ms).
 */
export function createDistrictArea(db: Db, features: Pick<FeatureRepository, 'query'>): DistrictArea {
  const repository = createDistrictRepository(db);
  let cached: { version: number; area: ReturnType<DistrictArea> } | undefined;
  return () => {
    const version = repository.version();
    if (version === undefined) return undefined;
    if (cached?.version !== version) cached = { version, area: districtArea(features) };
    return cached.area;
  };
}
