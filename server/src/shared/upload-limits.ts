/**
 * What uploads the server takes: case photos, feature photos and import files. Zod-free, so the
 * client imports these values at run time and checks a file before sending it.
 */

/** Photo kinds: `before` (the problem, at filing) and `after` (the department's proof, needed for feedback). */
export const PHOTO_KINDS = ['before', 'after'] as const;
/** Image types accepted, as sniffed from the bytes (never from the name or the declared type). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Upload limits: photos of one kind per case, bytes per file and pixels per image (a 50 MP phone photo). */
export const PHOTO_LIMITS = { perKind: 5, maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000 } as const;

/** Kinds of a renovation photo: before the works, after them. */
export const FEATURE_PHOTO_KINDS = ['before', 'after'] as const;
/** Limits of feature photos: files per upload, photos of one kind per feature, caption length. */
export const FEATURE_PHOTO_LIMITS = { perUpload: 5, perKind: 12, captionChars: 200 } as const;

/** File formats an import reads. */
export const IMPORT_FORMATS = ['geojson', 'csv'] as const;
/** Coordinate systems an import converts from: GPS/WGS84, GCJ-02 (Amap, Tencent), BD-09 (Baidu). */
export const IMPORT_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
/**
 * Bounds of one import: the file's size, the features in it, their positions (vertices) all
 * together, and the text of one GeoJSON feature (or of a GeoJSON file outside its features).
 */
export const IMPORT_LIMITS = { maxBytes: 10 * 1024 * 1024, maxFeatures: 2_000, maxVertices: 200_000, maxFeatureChars: 2 * 1024 * 1024 } as const;
