import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

function isArea(feature: Feature): feature is Feature<Polygon | MultiPolygon> {
  return feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon';
}

/** A point on the feature (the point itself, a vertex-near point on a line, an interior point of an area). */
export function anchorOf(feature: Feature): Position | undefined {
  if (!feature.geometry) return undefined;
  if (feature.geometry.type === 'Point') return feature.geometry.coordinates;
  return pointOnFeature(feature).geometry.coordinates;
}

/** The first area of a collection that contains the point. */
export function areaContaining(point: Position, areas: FeatureCollection): Feature | undefined {
  return areas.features.find((area) => isArea(area) && booleanPointInPolygon(point, area));
}

/** The features of a collection (other than `except`) whose anchor lies inside an area. */
export function featuresWithin(area: Feature, features: FeatureCollection, except?: string | number): Feature[] {
  if (!isArea(area)) return [];
  return features.features.filter((feature) => {
    if (except !== undefined && String(feature.id) === String(except)) return false;
    const anchor = anchorOf(feature);
    return anchor !== undefined && booleanPointInPolygon(anchor, area);
  });
}
