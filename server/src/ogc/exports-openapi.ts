import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, EXPORT_MAX_FEATURES } from '../features/export';
import { MEDIA } from './documents';

/** The `f` parameter of items: GeoJSON (as `json` or `geojson`), or a download (`gpkg`, `shp`). */
export const ITEMS_FORMAT_PARAMETER = {
  name: 'f',
  in: 'query',
  required: false,
  description: `Format: GeoJSON (default; json answers as application/json), or a download of the features the query selects — gpkg (GeoPackage) or shp (zipped Shapefile), in EPSG:4326, unpaged unless limit is given, at most ${EXPORT_MAX_FEATURES} features. Downloads need GDAL on the server (else 501); one runs at a time (else 503 with Retry-After).`,
  schema: { type: 'string', enum: ['json', 'geojson', ...EXPORT_FORMATS] },
  style: 'form',
  explode: false,
};

/** The content types of an items answer: GeoJSON, and each download's file. */
export function itemsContent(): Record<string, { schema: Record<string, unknown> }> {
  return {
    [MEDIA.geojson]: { schema: { type: 'object' } },
    ...Object.fromEntries(EXPORT_FORMATS.map((f) => [EXPORT_FORMAT_INFO[f].mediaType, { schema: { type: 'string', format: 'binary' } }])),
  };
}
