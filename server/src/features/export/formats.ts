/** The download formats besides GeoJSON: a GeoPackage, and a zipped ESRI Shapefile. */
export const EXPORT_FORMATS = ['gpkg', 'shp'] as const;
/** A download format (the value of `f`). */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What each format is sent as, its file name ending, its GDAL driver and a title for links. */
export const EXPORT_FORMAT_INFO: Readonly<Record<ExportFormat, { mediaType: string; extension: string; driver: string; title: string }>> = {
  gpkg: { mediaType: 'application/geopackage+sqlite3', extension: 'gpkg', driver: 'GPKG', title: 'GeoPackage' },
  shp: { mediaType: 'application/zip', extension: 'shp.zip', driver: 'ESRI Shapefile', title: 'Shapefile (zipped: .shp .shx .dbf .prj .cpg)' },
};

/** Whether a value names a download format. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The most features one download holds; a bigger collection is narrowed (bbox, datetime, filter) or paged (limit, offset). */
export const EXPORT_MAX_FEATURES = 50_000;
