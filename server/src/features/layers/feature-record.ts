import * as turf from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import type { NewFeature } from './feature-repository';
import type { Layer } from './layer-repository';
import { cleanGeometry } from './geometry-checks';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Normalises a date or date-time to an ISO instant in UTC so that stored times
 * compare as strings. A bare date means the start of that day, or its end when `endOfDay`.
 * Returns null for an empty or unparsable value.
 */
export function toInstant(value: unknown, endOfDay = false): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const text = DATE_ONLY.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : value;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The time span of a feature from its layer's temporal properties. */
export function featureInterval(layer: Pick<Layer, 'options'>, properties: Record<string, unknown>): [string | null, string | null] {
  const temporal = layer.options.temporal;
  if (!temporal) return [null, null];
  const start = toInstant(properties[temporal.start]);
  if (start === null) return [null, null];
  if (!temporal.end) return [start, toInstant(properties[temporal.start], true)];
  return [start, toInstant(properties[temporal.end], true)];
}

/** Turns a validated GeoJSON feature into the row the repository stores: of its geometry only `type` and `coordinates`. */
export function toNewFeature(layer: Pick<Layer, 'id' | 'options'>, feature: Feature<Geometry>): NewFeature {
  const properties = (feature.properties ?? {}) as Record<string, unknown>;
  const [datetimeStart, datetimeEnd] = featureInterval(layer, properties);
  const [minX, minY, maxX, maxY] = turf.bbox(feature.geometry);
  return {
    layerId: layer.id,
    geometry: JSON.stringify(cleanGeometry(feature.geometry)),
    properties: JSON.stringify(properties),
    bbox: [minX, minY, maxX, maxY],
    datetimeStart,
    datetimeEnd,
  };
}
