import type { Layer, LayerExtent } from '../features/layers';
import { MAX_ZOOM, MIN_ZOOM } from '../tiles/tile-math';
import { TILE_MATRIX_SET } from '../tiles/tile-url';
import { MVT_TYPE } from '../tiles/fast-path';
import { MEDIA, type Link } from './documents';

/** Conformance classes of OGC API – Tiles Part 1 (20-057) that `/ogc` implements. */
export const TILES_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt',
];

/** Link relations of OGC API – Tiles. */
export const TILES_REL = {
  tilesetsVector: 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector',
  tilingScheme: 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme',
  tilingSchemes: 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes',
  geodata: 'http://www.opengis.net/def/rel/ogc/1.0/geodata',
  dataset: 'http://www.opengis.net/def/rel/ogc/1.0/dataset',
} as const;

const TMS_URI = `http://www.opengis.net/def/tilematrixset/OGC/1.0/${TILE_MATRIX_SET}`;
const EPSG_3857 = 'http://www.opengis.net/def/crs/EPSG/0/3857';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
/** Half the Web Mercator world's width, in metres. */
const ORIGIN = 20037508.3427892;
/** Metres per pixel of the 256-pixel tile at zoom 0. */
const CELL_SIZE_Z0 = (2 * ORIGIN) / 256;
/** The standard rendering pixel size (0.28 mm) that turns cell sizes into scale denominators. */
const PIXEL_SIZE = 0.00028;

/**
 * The WebMercatorQuad tile matrix set (OGC 17-083r4, TMS 2.0 JSON), with the zoom levels served. It
 * also carries the TMS 1.0 members (`type`, `identifier`, `supportedCRS`, `boundingBox`,
 * `topLeftCorner`) that GDAL up to 3.6 reads; TMS 2.0 readers ignore them.
 */
export function webMercatorQuad(base: string) {
  return {
    type: 'TileMatrixSetType',
    identifier: TILE_MATRIX_SET,
    supportedCRS: EPSG_3857,
    boundingBox: { type: 'BoundingBoxType', crs: EPSG_3857, lowerCorner: [-ORIGIN, -ORIGIN], upperCorner: [ORIGIN, ORIGIN] },
    id: TILE_MATRIX_SET,
    title: 'Google Maps Compatible for the World',
    uri: TMS_URI,
    crs: EPSG_3857,
    orderedAxes: ['X', 'Y'],
    wellKnownScaleSet: 'http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible',
    links: [{ href: `${base}/tileMatrixSets/${TILE_MATRIX_SET}`, rel: 'self', type: MEDIA.json, title: 'This tile matrix set' }] satisfies Link[],
    tileMatrices: Array.from({ length: MAX_ZOOM - MIN_ZOOM + 1 }, (_, i) => {
      const z = MIN_ZOOM + i;
      const cellSize = CELL_SIZE_Z0 / 2 ** z;
      return {
        id: String(z),
        identifier: String(z),
        topLeftCorner: [-ORIGIN, ORIGIN],
        scaleDenominator: cellSize / PIXEL_SIZE,
        cellSize,
        cornerOfOrigin: 'topLeft',
        pointOfOrigin: [-ORIGIN, ORIGIN],
        matrixWidth: 2 ** z,
        matrixHeight: 2 ** z,
        tileWidth: 256,
        tileHeight: 256,
      };
    }),
  };
}

/** `/tileMatrixSets`: the one tile matrix set served. */
export function tileMatrixSetsDocument(base: string) {
  const href = `${base}/tileMatrixSets/${TILE_MATRIX_SET}`;
  return {
    links: [{ href: `${base}/tileMatrixSets`, rel: 'self', type: MEDIA.json, title: 'Tile matrix sets' }] satisfies Link[],
    tileMatrixSets: [{
      id: TILE_MATRIX_SET, title: 'Google Maps Compatible for the World', uri: TMS_URI, crs: EPSG_3857,
      links: [{ href, rel: 'self', type: MEDIA.json, title: TILE_MATRIX_SET }, { href, rel: TILES_REL.tilingScheme, type: MEDIA.json, title: TILE_MATRIX_SET }] satisfies Link[],
    }],
  };
}

const DIMENSION: Record<string, number> = { Point: 0, MultiPoint: 0, LineString: 1, MultiLineString: 1, Polygon: 2, MultiPolygon: 2 };

/** Where a tileset lives: a collection's (`/collections/{id}/tiles`) or the dataset's (`/tiles`). */
export interface TilesetScope {
  /** The OGC API root (`…/ogc`). */
  base: string;
  /** URL of the tilesets list, without the tile matrix set. */
  tilesHref: string;
  title: string;
  layers: { layer: Layer; extent: LayerExtent }[];
  /** The collection (geodata) or landing page (dataset) the tiles are of. */
  dataHref: string;
  dataRel: string;
}

function summary(scope: TilesetScope) {
  const href = `${scope.tilesHref}/${TILE_MATRIX_SET}`;
  return {
    title: `${scope.title} (${TILE_MATRIX_SET})`,
    dataType: 'vector',
    crs: EPSG_3857,
    tileMatrixSetURI: TMS_URI,
    links: [
      { href, rel: 'self', type: MEDIA.json, title: 'Tileset metadata' },
      { href: `${scope.base}/tileMatrixSets/${TILE_MATRIX_SET}`, rel: TILES_REL.tilingScheme, type: MEDIA.json, title: TILE_MATRIX_SET },
    ] satisfies Link[],
  };
}

/** A tilesets list (`/tiles` of the dataset or of a collection): one vector tileset in WebMercatorQuad. */
export function tilesetsDocument(scope: TilesetScope) {
  return {
    links: [
      { href: scope.tilesHref, rel: 'self', type: MEDIA.json, title: 'Tilesets' },
      { href: scope.dataHref, rel: scope.dataRel, type: MEDIA.json, title: scope.title },
    ] satisfies Link[],
    tilesets: [summary(scope)],
  };
}

function boundingBox(layers: TilesetScope['layers']) {
  const boxes = layers.map((l) => l.extent.bbox).filter((b) => b !== undefined);
  if (!boxes.length) return undefined;
  return {
    lowerLeft: [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1]))],
    upperRight: [Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))],
    crs: CRS84,
  };
}

/** A tileset's metadata (OGC 17-083r4 TileSet): the tile URL template, the layers and their extent. */
export function tilesetDocument(scope: TilesetScope) {
  const base = summary(scope);
  const bbox = boundingBox(scope.layers);
  return {
    ...base,
    description: 'Mapbox Vector Tiles 2.1 (extent 4096); an empty tile is a 204. The same tiles as /tiles/{layers}/{z}/{x}/{y}.mvt.',
    minTileMatrix: String(MIN_ZOOM),
    maxTileMatrix: String(MAX_ZOOM),
    ...(bbox ? { boundingBox: bbox } : {}),
    layers: scope.layers.map(({ layer }) => ({
      id: layer.id,
      title: `${layer.title.zh} ${layer.title.en}`,
      dataType: 'vector',
      geometryDimension: DIMENSION[layer.geometryType] ?? undefined,
      minTileMatrix: String(MIN_ZOOM),
      maxTileMatrix: String(MAX_ZOOM),
    })),
    links: [
      ...base.links,
      { href: scope.dataHref, rel: scope.dataRel, type: MEDIA.json, title: scope.title },
      { href: `${scope.tilesHref}/${TILE_MATRIX_SET}/{tileMatrix}/{tileRow}/{tileCol}?f=mvt`, rel: 'item', type: MVT_TYPE, title: 'Mapbox vector tiles', templated: true },
    ] satisfies (Link & { templated?: boolean })[],
  };
}
