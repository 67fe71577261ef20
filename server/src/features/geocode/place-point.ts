import * as turf from '@turf/turf';
import type { Geometry, LineString, Position } from 'geojson';

/**
 * Points that stand for a geometry, best first: a point itself; the middle of a line (along
 * its length), then its vertices nearest that middle; a point inside a polygon (its centroid
 * when inside, else a point on its surface). The caller takes the first it accepts (e.g. the
 * first inside the district, for a road that runs out of it).
 */
export function placePoints(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
      return geometry.coordinates;
    case 'LineString':
      return linePoints(geometry);
    case 'MultiLineString':
      return geometry.coordinates.flatMap((coordinates) => linePoints({ type: 'LineString', coordinates }));
    case 'Polygon':
    case 'MultiPolygon':
      return [turf.pointOnFeature(turf.feature(geometry)).geometry.coordinates];
    default:
      return [];
  }
}

function linePoints(line: LineString): Position[] {
  if (line.coordinates.length < 2) return line.coordinates;
  const middle = turf.along(line, turf.length(turf.feature(line)) / 2).geometry.coordinates;
  const byDistance = [...line.coordinates].sort((a, b) => turf.distance(a, middle) - turf.distance(b, middle));
  return [middle, ...byDistance];
}
