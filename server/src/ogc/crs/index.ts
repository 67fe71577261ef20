export { contentCrs, CRS84, CRS_URIS, parseCrs, STORAGE_CRS, SUPPORTED_CRS, type Crs } from './crs';
export { bboxToCrs84, fromCrs84, geometryFromCrs84, geometryToCrs84, MERCATOR_HALF_WORLD, toCrs84 } from './transform';
