import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { pointInArea } from '@shared/point-in-area';
import type { FeatureRepository } from '../../layers';
import { LOCATION_LAYERS, type CaseLocator } from '../case-location';
import { localInstant, type WorkingTime } from '../../calendar';
import { COMMUNITY_WEIGHTS, DEMO_YEAR, MONTH_WEIGHTS, QUIET_DAYS } from './demo-plan';
import type { Prng } from './prng';

/** A unit grid cell cases are placed in. */
export interface DemoCell {
  code: string;
  communityCode: string;
  communityName: string;
  /** The street nearest the cell's centre (the address of its cases). */
  street: string | null;
  polygon: Polygon | MultiPolygon;
  bbox: [number, number, number, number];
  weight: number;
}

/** A working day of the demo year with its relative case load. */
export interface DemoDay {
  date: string;
  /** Local midnight as an instant. */
  start: string;
  weight: number;
}

/** The grid cells of the district with their community and street, in code order. */
export function demoCells(features: FeatureRepository, locator: CaseLocator): DemoCell[] {
  const { rows } = features.query({ layerId: LOCATION_LAYERS.grids, limit: 100_000, offset: 0 });
  return rows.map((row) => {
    const props = JSON.parse(row.properties) as { code: string; community_code: string; community: string; area_m2?: number };
    const polygon = JSON.parse(row.geometry) as Polygon | MultiPolygon;
    const [lon, lat] = turf.centroid(polygon).geometry.coordinates as [number, number];
    return {
      code: props.code, communityCode: props.community_code, communityName: props.community, street: locator.locate(lon, lat).street,
      polygon, bbox: turf.bbox(polygon) as [number, number, number, number],
      weight: (COMMUNITY_WEIGHTS[props.community_code] ?? 1) * Math.max(1000, props.area_m2 ?? turf.area(polygon)),
    };
  }).sort((a, b) => a.code.localeCompare(b.code));
}

/** A point strictly inside a cell (to six decimals, as phones report), drawn uniformly. */
export function pointIn(cell: DemoCell, rng: Prng): [number, number] {
  const [w, s, e, n] = cell.bbox;
  for (let i = 0; i < 200; i += 1) {
    const p: [number, number] = [Math.round(rng.between(w, e) * 1e6) / 1e6, Math.round(rng.between(s, n) * 1e6) / 1e6];
    if (pointInArea(p, cell.polygon, { ignoreBoundary: true })) return p;
  }
  return turf.pointOnFeature(cell.polygon).geometry.coordinates as [number, number];
}

/**
 * The working days of the demo year up to 30 December (so every case is
 * registered within the year), weighted by month and quieter around Spring Festival.
 */
export function demoDays(time: WorkingTime, offsetMinutes: number): DemoDay[] {
  const days: DemoDay[] = [];
  for (let t = Date.UTC(DEMO_YEAR, 0, 1); t <= Date.UTC(DEMO_YEAR, 11, 30); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (!time.isWorkingDay(date)) continue;
    const weekday = new Date(t).getUTCDay();
    const quiet = date >= QUIET_DAYS.from && date <= QUIET_DAYS.to ? QUIET_DAYS.factor : 1;
    const weight = MONTH_WEIGHTS[new Date(t).getUTCMonth()]! * quiet * (weekday === 1 ? 1.1 : weekday === 0 || weekday === 6 ? 0.8 : 1);
    days.push({ date, start: localInstant(date, offsetMinutes), weight });
  }
  return days;
}
