import gcoord from 'gcoord';
import type { Geometry } from 'geojson';
import type { ImportCrs } from '@shared/import';

const FROM = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/**
 * A geometry's coordinates converted from `crs` to WGS84, as a new object (gcoord changes
 * what it is given, so it gets a copy). Returns undefined when the geometry cannot be converted
 * (e.g. malformed coordinates): the caller's validation then names the problem.
 */
export function toWgs84(geometry: unknown, crs: ImportCrs): unknown {
  if (crs === 'wgs84' || !geometry || typeof geometry !== 'object') return geometry;
  try {
    return gcoord.transform(structuredClone(geometry) as Geometry as never, FROM[crs], gcoord.WGS84) as unknown;
  } catch {
    return undefined;
  }
}
