import type { TileAddress } from './tile-math';

/** The tile matrix set every tile URL is in (OGC's name for the XYZ Web Mercator grid). */
export const TILE_MATRIX_SET = 'WebMercatorQuad';

const TILES = /^\/tiles\/([^/?]+)\/([^/?]+)\/([^/?]+)\/([^/?]+)\.mvt(?:\?(.*))?$/;
const OGC_COLLECTION = new RegExp(`^/ogc/collections/([^/?]+)/tiles/${TILE_MATRIX_SET}/([^/?]+)/([^/?]+)/([^/?]+)(?:\\?(.*))?$`);
const OGC_DATASET = new RegExp(`^/ogc/tiles/${TILE_MATRIX_SET}/([^/?]+)/([^/?]+)/([^/?]+)(?:\\?(.*))?$`);
const INTEGER = /^\d{1,8}$/;

/** Which URL form asked: `/tiles/…mvt`, a collection's OGC tiles or the dataset's. */
export type TileUrlKind = 'tiles' | 'collection' | 'dataset';

/** A tile request read from its URL. */
export interface TileRequest {
  kind: TileUrlKind;
  ids: string[];
  address: TileAddress;
  /** The `?v=` version tag, if any (a match makes the answer immutable). */
  version: string | null;
}

/** Whether the fast path serves this URL (else Express does). */
export function isTileUrl(url: string): boolean {
  if (url.startsWith('/tiles/')) return /\.mvt(\?|$)/.test(url);
  return url.startsWith('/ogc/') && (OGC_COLLECTION.test(url) || OGC_DATASET.test(url));
}

/** A matched tile URL: its layer list (unparsed), address and version tag; or why it is refused. */
export type TileUrlMatch =
  | { ok: true; kind: TileUrlKind; layers: string; address: TileAddress; version: string | null }
  | { ok: false; status: 400 | 404; message: string };

function versionOf(query: string | undefined): string | null {
  return query ? new URLSearchParams(query).get('v') : null;
}

/**
 * Reads a tile URL. `/tiles/{layers}/{z}/{x}/{y}.mvt` is XYZ; the OGC forms put the row before
 * the column (`{tileMatrix}/{tileRow}/{tileCol}`), which in WebMercatorQuad are z, y and x.
 */
export function matchTileUrl(url: string, datasetLayers: () => string[]): TileUrlMatch {
  const xyz = TILES.exec(url);
  if (xyz) {
    if (![xyz[2], xyz[3], xyz[4]].every((n) => INTEGER.test(n!))) return { ok: false, status: 400, message: 'a tile URL is /tiles/{layer[,layer…]}/{z}/{x}/{y}.mvt with integer z, x, y' };
    return { ok: true, kind: 'tiles', layers: xyz[1]!, address: { z: Number(xyz[2]), x: Number(xyz[3]), y: Number(xyz[4]) }, version: versionOf(xyz[5]) };
  }
  const collection = OGC_COLLECTION.exec(url);
  const dataset = collection ? undefined : OGC_DATASET.exec(url);
  const parts = collection ? collection.slice(2, 5) : dataset?.slice(1, 4);
  if (!parts) return { ok: false, status: 400, message: 'a tile URL is /tiles/{layer[,layer…]}/{z}/{x}/{y}.mvt with integer z, x, y' };
  if (!parts.every((n) => INTEGER.test(n!))) {
    return { ok: false, status: 404, message: `an OGC tile URL ends with /${TILE_MATRIX_SET}/{tileMatrix}/{tileRow}/{tileCol}, three integers` };
  }
  const [z, y, x] = parts.map(Number) as [number, number, number];
  const query = collection ? collection[5] : dataset![4];
  const layers = collection ? collection[1]! : datasetLayers().join(',');
  return { ok: true, kind: collection ? 'collection' : 'dataset', layers, address: { z, x, y }, version: versionOf(query) };
}
