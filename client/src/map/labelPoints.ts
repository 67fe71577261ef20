import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';

/** Property marking the extra point features that carry a polygon's label. */
export const LABEL_POINT_KEY = '__label';

/**
 * Appends one label point per polygon (inside it), so a polygon is labelled once instead of once
 * per tile it spans. Geometry layers filter these points out; label layers draw only them.
 */
export function withLabelPoints(collection: FeatureCollection): FeatureCollection {
  const points: Feature[] = [];
  for (const feature of collection.features) {
    const type = feature.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') continue;
    const point = pointOnFeature(feature);
    points.push({ type: 'Feature', geometry: point.geometry, properties: { ...feature.properties, [LABEL_POINT_KEY]: true } });
  }
  return points.length === 0 ? collection : { ...collection, features: [...collection.features, ...points] };
}
