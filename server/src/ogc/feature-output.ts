import type { Geometry } from 'geojson';
import { featureJson, type FeatureRow } from '../features/layers';
import { geometryFromCrs84, STORAGE_CRS, type Crs } from './crs';

/**
 * A stored feature as GeoJSON text in `crs`, keeping only `properties` when given. The stored
 * CRS84 text is passed through untouched when nothing changes (the common, fastest case).
 */
export function featureText(row: FeatureRow, crs: Crs, properties?: string[]): string {
  if (crs === STORAGE_CRS && properties === undefined) return featureJson(row);
  const geometry = crs === STORAGE_CRS ? row.geometry : JSON.stringify(geometryFromCrs84(crs, JSON.parse(row.geometry) as Geometry));
  let props = row.properties;
  if (properties !== undefined) {
    const all = JSON.parse(row.properties) as Record<string, unknown>;
    props = JSON.stringify(Object.fromEntries(properties.filter((k) => Object.hasOwn(all, k)).map((k) => [k, all[k]])));
  }
  return featureJson({ ...row, geometry, properties: props });
}
