import { BadRequestError } from '../../errors';

/** OGC's longitude-first WGS84 (the storage CRS and the default of every request). */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** A coordinate reference system the API serves, with its axis order and output precision. */
export interface Crs {
  uri: string;
  /** EPSG:4326 and EPSG:4490 list latitude first, as their EPSG definitions do (OGC API – Features Part 2, 6.2). */
  latitudeFirst: boolean;
  /** Spherical (web) Mercator metres instead of degrees. */
  mercator: boolean;
  /** Decimals kept in output: 7 for degrees (about 1 cm), 2 for metres. */
  decimals: number;
}

/**
 * The CRSs of every collection. CGCS2000 (EPSG:4490) is realised on ITRF97 at epoch 2000.0 and
 * WGS84 on ITRF2000 and later: the two differ by centimetres, far below this data's accuracy, so
 * CGCS2000 coordinates are the stored WGS84 ones with latitude first (PROJ's own transformation
 * between EPSG:4490 and EPSG:4326, as GDAL 3.6's `gdaltransform` applies it, leaves them unchanged too).
 */
export const SUPPORTED_CRS: readonly Crs[] = [
  { uri: CRS84, latitudeFirst: false, mercator: false, decimals: 7 },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/4326', latitudeFirst: true, mercator: false, decimals: 7 },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/3857', latitudeFirst: false, mercator: true, decimals: 2 },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/4490', latitudeFirst: true, mercator: false, decimals: 7 },
];

/** The storage CRS. */
export const STORAGE_CRS: Crs = SUPPORTED_CRS[0]!;

/** The URIs listed as a collection's `crs`. */
export const CRS_URIS: readonly string[] = SUPPORTED_CRS.map((c) => c.uri);

/** The CRS a query parameter names (a URI, or its `[EPSG:n]`/`[OGC:CRS84]` safe CURIE); 400 for any other. */
export function parseCrs(text: string | undefined, parameter: string): Crs {
  if (text === undefined) return STORAGE_CRS;
  const curie = /^\[?(EPSG):(\d+)\]?$/i.exec(text) ?? /^\[?(OGC):(CRS84)\]?$/i.exec(text);
  const uri = curie ? (curie[1]!.toUpperCase() === 'OGC' ? CRS84 : `http://www.opengis.net/def/crs/EPSG/0/${curie[2]}`) : text;
  const crs = SUPPORTED_CRS.find((c) => c.uri === uri);
  if (!crs) throw new BadRequestError(`${parameter} "${text.slice(0, 200)}" is not supported; use one of: ${CRS_URIS.join(', ')}`, { parameter });
  return crs;
}

/** The `Content-Crs` header value of a response in `crs` (a URI in angle brackets, Part 2). */
export const contentCrs = (crs: Crs): string => `<${crs.uri}>`;
