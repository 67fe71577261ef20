import { area, length } from '@turf/turf';
import type { Geometry } from 'geojson';

/** A measured line length (m) or area (m²). */
export type Measurement = { kind: 'distance'; meters: number } | { kind: 'area'; squareMeters: number };

/** Measures a drawn line (geodesic length) or polygon (geodesic area) with turf. */
export function measure(geometry: Geometry): Measurement | undefined {
  if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
    return { kind: 'distance', meters: length({ type: 'Feature', geometry, properties: {} }, { units: 'meters' }) };
  }
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') return { kind: 'area', squareMeters: area(geometry) };
  return undefined;
}

/** A measurement for display: metres below 1 km (m² below 1 km²), kilometres above. */
export function formatMeasurement(m: Measurement, locale: string): string {
  const format = (value: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (m.kind === 'distance') return m.meters < 1000 ? `${format(m.meters, 0)} m` : `${format(m.meters / 1000, 2)} km`;
  return m.squareMeters < 1e6 ? `${format(m.squareMeters, 0)} m²` : `${format(m.squareMeters / 1e6, 3)} km²`;
}
