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
 * its next check) and tests in JavaScript against the parsed polygon. Measured (#14; 1,000 point checks against the
 * demo boundary's 103 positions, 6 rounds, on a loaded 2-core machine; medians): on PostgreSQL through PgDatabase,
 * reading and parsing the boundary at every check 1.7 ms, this 0.8 ms, PostGIS `ST_DWithin(geography, 50 m)` in one
 * query 0.7 ms and `ST_Intersects` without the tolerance 0.7 ms: each is one round trip, and ST_DWithin came out
 * level with this in one series and up to ~10 % faster in another, within the machine's noise; on SQLite 0.07-0.2 ms
 * before, 0.01-0.04 ms with the cache. So one path serves both engines, with the same tolerance arithmetic (ST_DWithin
 * agreed on all 1,000 points) and the per-vertex problems feature writes report.
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
