import type { Layer } from '../features/layers';
import { MVT_TYPE } from '../tiles/fast-path';
import { MAX_ZOOM } from '../tiles/tile-math';
import { TILE_MATRIX_SET } from '../tiles/tile-url';
import { MEDIA } from './documents';
import { STYLE_MEDIA } from './styles';

const error = (description: string) => ({ description, content: { [MEDIA.json]: { schema: { $ref: '#/components/schemas/error' } } } });
const json = (description: string, type: string = MEDIA.json) => ({ description, content: { [type]: { schema: { type: 'object' } } } });
const ETAG_HEADER = { ETag: { description: 'The strong ETag of the stored feature ("id-version"): send it back as If-Match', schema: { type: 'string' } } };
const IF_MATCH = { name: 'If-Match', in: 'header', required: false, description: 'The ETag read with the feature: the change is refused with 412 when someone else changed it since (428 without it when the server requires it)', schema: { type: 'string' } };

const featureBody = (layer: Layer, schemaUrl: string) => ({
  required: true,
  description: `A GeoJSON Feature of collection ${layer.id} (${layer.geometryType}, WGS84); its properties follow ${schemaUrl}`,
  content: {
    [MEDIA.geojson]: { schema: { $ref: '#/components/schemas/feature' } },
    [MEDIA.json]: { schema: { $ref: '#/components/schemas/feature' } },
  },
});

const WRITE_ERRORS = {
  400: error('The body is not JSON'),
  401: error('Not signed in (a session cookie, or Authorization: Bearer with a personal access token)'),
  403: error('The role may not edit, or the collection is read-only'),
  404: error('No such collection or feature'),
  415: error('The body is not application/geo+json, application/json or application/merge-patch+json'),
  422: error('The feature breaks the collection\'s schema, its geometry rules or the district boundary; details lists each problem'),
};

const CHANGE_ERRORS = { ...WRITE_ERRORS, 412: error('If-Match names an older version: reload and try again'), 428: error('If-Match is missing and the server requires it (OGC_REQUIRE_IF_MATCH)') };

function writePaths(layer: Layer, base: string) {
  const path = `/collections/${layer.id}`;
  const schemaUrl = `${base}${path}/schema`;
  const schemaGet = (what: string, id: string) => ({
    get: { summary: `${layer.title.zh} ${layer.title.en}: ${what}`, operationId: `${id}-${layer.id}`, tags: ['Data'], responses: { 200: json(what, MEDIA.schema), 404: error('Not found') } },
  });
  const paths: Record<string, Record<string, unknown>> = {
    [`${path}/schema`]: schemaGet('JSON Schema of the features', 'getSchema'),
    [`${path}/queryables`]: schemaGet('queryable properties', 'getQueryables'),
  };
  if (layer.options.readOnly) return paths;
  const security = [{ session: [] }, { token: [] }];
  paths[`${path}/items`] = {
    post: {
      summary: `${layer.title.zh} ${layer.title.en}: add a feature`, operationId: `createFeature-${layer.id}`, tags: ['Transactions'], security,
      requestBody: featureBody(layer, schemaUrl),
      responses: { 201: { description: 'Created; Location is its URL', headers: { Location: { schema: { type: 'string' } }, ...ETAG_HEADER }, content: { [MEDIA.geojson]: { schema: { $ref: '#/components/schemas/feature' } } } }, ...WRITE_ERRORS },
    },
  };
  const one = { 200: { description: 'The stored feature', headers: ETAG_HEADER, content: { [MEDIA.geojson]: { schema: { $ref: '#/components/schemas/feature' } } } } };
  paths[`${path}/items/{featureId}`] = {
    put: {
      summary: `${layer.title.zh} ${layer.title.en}: replace a feature`, operationId: `replaceFeature-${layer.id}`, tags: ['Transactions'], security,
      parameters: [{ $ref: '#/components/parameters/featureId' }, IF_MATCH], requestBody: featureBody(layer, schemaUrl), responses: { ...one, ...CHANGE_ERRORS },
    },
    patch: {
      summary: `${layer.title.zh} ${layer.title.en}: update a feature (JSON merge patch; null removes a property)`, operationId: `updateFeature-${layer.id}`, tags: ['Transactions'], security,
      parameters: [{ $ref: '#/components/parameters/featureId' }, IF_MATCH],
      requestBody: { required: true, content: { 'application/merge-patch+json': { schema: { type: 'object', properties: { geometry: { type: 'object' }, properties: { type: 'object' } } } } } },
      responses: { ...one, ...CHANGE_ERRORS },
    },
    delete: {
      summary: `${layer.title.zh} ${layer.title.en}: delete a feature`, operationId: `deleteFeature-${layer.id}`, tags: ['Transactions'], security,
      parameters: [{ $ref: '#/components/parameters/featureId' }, IF_MATCH],
      responses: { 204: { description: 'Deleted' }, 409: error('The last feature of the district boundary cannot be deleted'), ...CHANGE_ERRORS },
    },
  };
  return paths;
}

function tilePaths(layers: Layer[]) {
  const tms = { name: 'tileMatrixSetId', in: 'path', required: true, schema: { type: 'string', enum: [TILE_MATRIX_SET] } };
  const collection = { name: 'collectionId', in: 'path', required: true, schema: { type: 'string', enum: layers.map((l) => l.id) } };
  const cell = [
    { name: 'tileMatrix', in: 'path', required: true, description: 'Zoom level', schema: { type: 'integer', minimum: 0, maximum: MAX_ZOOM } },
    { name: 'tileRow', in: 'path', required: true, description: 'Row (y), from the top', schema: { type: 'integer', minimum: 0 } },
    { name: 'tileCol', in: 'path', required: true, description: 'Column (x)', schema: { type: 'integer', minimum: 0 } },
  ];
  const tile = (parameters: unknown[], id: string) => ({
    get: {
      summary: 'A Mapbox vector tile', operationId: id, tags: ['Tiles'], parameters,
      responses: {
        200: { description: 'The tile (gzip when accepted)', content: { [MVT_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
        204: { description: 'An empty tile' },
        206: { description: 'A byte range of the tile (Range: bytes=…, identity bytes)', content: { [MVT_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
        304: { description: 'Not modified (If-None-Match)' },
        404: error('No such collection, or the tile is outside the tile matrix'),
        416: error('The range starts past the end of the tile'),
      },
    },
  });
  const doc = (summary: string, id: string, parameters: unknown[] = []) => ({ get: { summary, operationId: id, tags: ['Tiles'], parameters, responses: { 200: json(summary), 404: error('Not found') } } });
  return {
    '/tileMatrixSets': doc('Tile matrix sets', 'getTileMatrixSetsList'),
    '/tileMatrixSets/{tileMatrixSetId}': doc('A tile matrix set definition', 'getTileMatrixSet', [tms]),
    '/tiles': doc('Vector tilesets of the dataset', 'getDatasetTileSetsList'),
    '/tiles/{tileMatrixSetId}': doc('Vector tileset of the dataset', 'getDatasetTileSet', [tms]),
    '/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}': tile([tms, ...cell], 'getDatasetTile'),
    '/collections/{collectionId}/tiles': doc('Vector tilesets of a collection', 'getCollectionTileSetsList', [collection]),
    '/collections/{collectionId}/tiles/{tileMatrixSetId}': doc('Vector tileset of a collection', 'getCollectionTileSet', [collection, tms]),
    '/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}': tile([collection, tms, ...cell], 'getCollectionTile'),
    '/styles': { get: { summary: 'MapLibre styles', operationId: 'getStyles', tags: ['Styles'], responses: { 200: { description: `The styles, linking their ${STYLE_MEDIA} documents`, content: { [MEDIA.json]: { schema: { type: 'object' } } } } } } },
  };
}

/**
 * The OpenAPI paths of the writes (Part 4, per writable collection), `/schema`, `/queryables`,
 * OGC API – Tiles and `/styles`, merged into the Features document's paths (operations of one path
 * item from both sides are kept), with the components they use.
 */
export function withSurfacePaths<T extends { paths: Record<string, object>; components: { schemas: Record<string, unknown> } & Record<string, unknown>; tags: { name: string }[] }>(
  doc: T, base: string, layers: Layer[],
): T {
  const extra: Record<string, object> = { ...Object.assign({}, ...layers.map((l) => writePaths(l, base))), ...tilePaths(layers) };
  const paths: Record<string, object> = { ...doc.paths };
  for (const [path, item] of Object.entries(extra)) paths[path] = { ...paths[path], ...item };
  return {
    ...doc,
    tags: [...doc.tags, { name: 'Transactions' }, { name: 'Tiles' }, { name: 'Styles' }],
    paths,
    components: {
      ...doc.components,
      schemas: {
        ...doc.components.schemas,
        feature: {
          type: 'object', required: ['type', 'geometry', 'properties'],
          properties: { type: { type: 'string', enum: ['Feature'] }, id: { type: 'integer' }, geometry: { type: 'object' }, properties: { type: 'object' } },
        },
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'qingbo_session', description: 'The console\'s session (same origin only)' },
        token: { type: 'http', scheme: 'bearer', description: 'A personal access token (npm run user -- token NAME, or the Tokens page)' },
      },
    },
  };
}
