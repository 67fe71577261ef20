import * as turf from '@turf/turf';
import type { CaseLocation } from '@shared/cases';
import { areaContaining } from '@shared/point-in-area';
import type { Feature, Geometry, LineString, MultiLineString } from 'geojson';
import { HttpError } from '../../errors';
import { type DistrictArea, type FeatureRepository, checkWithin, districtArea } from '../layers';

/** Layers the location is derived from. */
export const LOCATION_LAYERS = { communities: 'communities', grids: 'grid-cells', roads: 'roads' } as const;

/** How far beyond the district boundary a case may lie (a GPS fix on the boundary street), in metres. */
export const DISTRICT_TOLERANCE_M = 50;

/** How far to look for a street, in degrees (≈ 300 m at Hangzhou's latitude). */
const STREET_SEARCH_DEG = 0.003;

/**
 * Derives a case's community, grid and street from the district layers by point-in-polygon and distance; `district`
 * gives the boundary (`createDistrictArea` caches it per layer version; read afresh by default).
 */
export function createCaseLocator(features: FeatureRepository, district: DistrictArea = () => districtArea(features)) {
  function containing(layerId: string, lon: number, lat: number): Record<string, unknown> | undefined {
    const { rows } = features.query({ layerId, bbox: [lon, lat, lon, lat], limit: 100, offset: 0 });
    const areas = rows.map((row): Feature<Geometry, { row: (typeof rows)[number] }> => ({ type: 'Feature', geometry: JSON.parse(row.geometry) as Geometry, properties: { row } }));
    const found = areaContaining([lon, lat], areas)?.properties.row;
    return found ? (JSON.parse(found.properties) as Record<string, unknown>) : undefined;
  }

  function distanceM(lon: number, lat: number, geometry: Geometry): number {
    const lines = geometry.type === 'LineString' ? [geometry.coordinates]
      : geometry.type === 'MultiLineString' ? (geometry as MultiLineString).coordinates : [];
    return Math.min(Infinity, ...lines.map((coords) => turf.pointToLineDistance([lon, lat], { type: 'LineString', coordinates: coords } as LineString, { units: 'meters' })));
  }

  function nearestStreet(lon: number, lat: number): string | null {
    const d = STREET_SEARCH_DEG;
    const { rows } = features.query({ layerId: LOCATION_LAYERS.roads, bbox: [lon - d, lat - d, lon + d, lat + d], limit: 1000, offset: 0 });
    let best: { name: string; m: number } | undefined;
    for (const row of rows) {
      const name = (JSON.parse(row.properties) as { name?: unknown }).name;
      if (typeof name !== 'string' || !name) continue;
      const m = distanceM(lon, lat, JSON.parse(row.geometry) as Geometry);
      if (!best || m < best.m) best = { name, m };
    }
    return best?.name ?? null;
  }

  return {
    /**
     * Refuses a point outside the district: 400 `outside_district` beyond {@link DISTRICT_TOLERANCE_M}
     * of the boundary, 503 `no_district_boundary` when the boundary layer is empty (never unchecked).
     */
    assertInDistrict(lon: number, lat: number): void {
      const area = district();
      if (!area) throw new HttpError(503, 'no_district_boundary', 'the district boundary layer is empty, so no case can be placed; an administrator must restore it');
      if (checkWithin({ type: 'Point', coordinates: [lon, lat] }, area, DISTRICT_TOLERANCE_M).length === 0) return;
      throw new HttpError(400, 'outside_district', `the point (${lon}, ${lat}) lies outside the Qingbo district (more than ${DISTRICT_TOLERANCE_M} m beyond its boundary)`);
    },

    /** The community, grid and nearest street of a point (null where no layer covers it). */
    locate(lon: number, lat: number): CaseLocation {
      const community = containing(LOCATION_LAYERS.communities, lon, lat);
      const grid = containing(LOCATION_LAYERS.grids, lon, lat);
      return {
        communityCode: typeof community?.code === 'string' ? community.code : null,
        communityName: typeof community?.name === 'string' ? community.name : null,
        gridCode: typeof grid?.code === 'string' ? grid.code : null,
        street: nearestStreet(lon, lat),
      };
    },
  };
}

/** The case locator's interface. */
export type CaseLocator = ReturnType<typeof createCaseLocator>;
