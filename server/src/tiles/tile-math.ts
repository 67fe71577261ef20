/** MVT extent (coordinate units per tile side). */
export const EXTENT = 4096;
/** Buffer around each tile, in tile units. */
export const BUFFER = 64;
/** Zoom levels served. */
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 22;
/** Web Mercator's latitude limit. */
const MAX_LAT = 85.0511287798066;

/** A tile address. */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** True when z/x/y is a valid tile address. */
export function isValidTile({ z, x, y }: TileAddress): boolean {
  if (!Number.isInteger(z) || z < MIN_ZOOM || z > MAX_ZOOM) return false;
  const n = 2 ** z;
  return Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < n && y < n;
}

/** Longitude to world x in [0, 1). */
export function lonToWorldX(lon: number): number {
  return (lon + 180) / 360;
}

/** Latitude to world y in [0, 1) (Web Mercator, north up). */
export function latToWorldY(lat: number): number {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
}
