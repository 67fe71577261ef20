import { distance } from '@turf/turf';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { pointPositions } from './geometry';

/** The nearest point feature to a place and how far it is. */
export interface NearestResult {
  feature: Feature;
  /** The feature's point that is nearest (a multipoint has several). */
  position: [number, number];
  /** Geodesic (haversine) distance in metres. */
  distanceM: number;
}

/** The feature of a point layer nearest to `from` ([lon, lat]); undefined when the layer has no points. */
export function nearestFeature(from: [number, number], collection: FeatureCollection): NearestResult | undefined {
  let best: NearestResult | undefined;
  for (const feature of collection.features) {
    for (const position of pointPositions(feature.geometry)) {
      const d = distance(from, position as Position, { units: 'meters' });
      if (!best || d < best.distanceM) best = { feature, position: [position[0]!, position[1]!], distanceM: d };
    }
  }
  return best;
}
