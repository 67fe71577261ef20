import type { Geometry, Position } from 'geojson';
import { BadRequestError } from '../../errors';
import type { Crs } from './crs';

/** Radius of the sphere of EPSG:3857 (the WGS84 semi-major axis), in metres. */
const R = 6_378_137;
const DEG = Math.PI / 180;
/** Latitude where web Mercator's square world ends. */
const MAX_MERCATOR_LAT = 85.0511287798066;
/** Half the world's width in EPSG:3857 metres (π R). */
export const MERCATOR_HALF_WORLD = Math.PI * R;

const round = (v: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};

/** Longitude/latitude (CRS84) → the axes of `crs`, rounded to its precision. */
export function fromCrs84(crs: Crs, lon: number, lat: number): [number, number] {
  if (crs.mercator) {
    const phi = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat)) * DEG;
    return [round(R * lon * DEG, crs.decimals), round(R * Math.log(Math.tan(Math.PI / 4 + phi / 2)), crs.decimals)];
  }
  return crs.latitudeFirst ? [round(lat, crs.decimals), round(lon, crs.decimals)] : [round(lon, crs.decimals), round(lat, crs.decimals)];
}

/** The axes of `crs` → longitude/latitude (CRS84). */
export function toCrs84(crs: Crs, a: number, b: number): [number, number] {
  if (crs.mercator) return [a / R / DEG, (2 * Math.atan(Math.exp(b / R)) - Math.PI / 2) / DEG];
  return crs.latitudeFirst ? [b, a] : [a, b];
}

function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point': return { type: g.type, coordinates: f(g.coordinates) };
    case 'MultiPoint':
    case 'LineString': return { type: g.type, coordinates: g.coordinates.map(f) } as Geometry;
    case 'MultiLineString':
    case 'Polygon': return { type: g.type, coordinates: g.coordinates.map((r) => r.map(f)) } as Geometry;
    case 'MultiPolygon': return { type: g.type, coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection': return { type: g.type, geometries: g.geometries.map((x) => mapPositions(x, f)) };
  }
}

/** A stored (CRS84) geometry in `crs`. */
export function geometryFromCrs84(crs: Crs, g: Geometry): Geometry {
  return mapPositions(g, (p) => fromCrs84(crs, p[0]!, p[1]!));
}

/** A geometry given in `crs` in CRS84, with every position checked to be on the globe (else 400 for `parameter`). */
export function geometryToCrs84(crs: Crs, g: Geometry, parameter: string): Geometry {
  return mapPositions(g, (p) => {
    const [lon, lat] = toCrs84(crs, p[0]!, p[1]!);
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
      throw new BadRequestError(`a position of the ${parameter} geometry is outside the valid range of ${crs.uri}`, { parameter });
    }
    return [lon, lat];
  });
}

/** A bbox given in `crs` as [minLon, minLat, maxLon, maxLat] in CRS84. */
export function bboxToCrs84(crs: Crs, axes: [number, number, number, number]): [number, number, number, number] {
  const [x0, y0] = toCrs84(crs, axes[0], axes[1]);
  const [x1, y1] = toCrs84(crs, axes[2], axes[3]);
  return [x0, y0, x1, y1];
}
