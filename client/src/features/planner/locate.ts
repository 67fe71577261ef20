import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { areaContaining as firstAreaContaining, isArea, pointInArea } from '@shared/point-in-area';

/** A point on the feature (the point itself, a vertex-near point on a line, an interior point of an area). */
export function anchorOf(feature: Feature): Position | undefined {
  if (!feature.geometry) return undefined;
  if (feature.geometry.type === 'Point') return feature.geometry.coordinates;
  return pointOnFeature(feature).geometry.coordinates;
}

/** The first area of a collection that contains the point (the shared lookup the server uses too). */
export function areaContaining(point: Position, areas: FeatureCollection): Feature | undefined {
  return firstAreaContaining(point, areas.features);
}

/** The features of a collection (other than `except`) whose anchor lies inside an area. */
export function featuresWithin(area: Feature, features: FeatureCollection, except?: string | number): Feature[] {
  const shape = area.geometry;
  if (!isArea(shape)) return [];
  return features.features.filter((feature) => {
    if (except !== undefined && String(feature.id) === String(except)) return false;
    const anchor = anchorOf(feature);
    return anchor !== undefined && pointInArea(anchor, shape);
  });
}
