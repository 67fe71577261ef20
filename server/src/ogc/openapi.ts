import type { Layer } from '../features/layers';
import { ITEMS_LIMIT } from './items-params';
import { MEDIA } from './documents';
import { withSurfacePaths } from './transactions-openapi';
import { ITEMS_EXTRA_PARAMETERS, ITEMS_EXTRA_REFS } from './items-openapi';
import { itemsContent, ITEMS_FORMAT_PARAMETER } from './exports-openapi';

const errorResponse = (description: string) => ({
  description,
  content: { [MEDIA.json]: { schema: { $ref: '#/components/schemas/error' } } },
});

const jsonResponse = (description: string, type: string = MEDIA.json) => ({
  description,
  content: { [type]: { schema: { type: 'object' } } },
});

function itemsParameters(layer: Layer) {
  const props = Object.entries(layer.schema.properties).map(([name, p]) => ({
    name,
    in: 'query',
    required: false,
    description: `${p.title ?? name}${p['x-title-en'] ? ` / ${p['x-title-en']}` : ''} — equality filter`,
    schema: { type: p.type, ...(p.enum ? { enum: p.enum } : {}) },
    style: 'form',
    explode: false,
  }));
  return [
    { $ref: '#/components/parameters/bbox' },
    { $ref: '#/components/parameters/datetime' },
    { $ref: '#/components/parameters/limit' },
    { $ref: '#/components/parameters/offset' },
    ...ITEMS_EXTRA_REFS,
    ITEMS_FORMAT_PARAMETER,
    ...props,
  ];
}

function collectionPaths(layer: Layer) {
  const base = `/collections/${layer.id}`;
  return {
    [base]: {
      get: {
        summary: `${layer.title.zh} ${layer.title.en}: metadata`,
        operationId: `describeCollection-${layer.id}`,
        tags: ['Data'],
        responses: { 200: jsonResponse('The collection'), 404: errorResponse('Not found') },
      },
    },
    [`${base}/items`]: {
      get: {
        summary: `${layer.title.zh} ${layer.title.en}: features`,
        operationId: `getFeatures-${layer.id}`,
        tags: ['Data'],
        parameters: itemsParameters(layer),
        responses: {
          200: { description: 'A page of features, or a download of them (f=gpkg, f=shp)', content: itemsContent() },
          400: errorResponse('A malformed or unknown parameter'),
          501: errorResponse('A download format this server cannot write (no GDAL)'),
          503: errorResponse('Busy with other downloads: try again after Retry-After'),
        },
      },
    },
    [`${base}/items/{featureId}`]: {
      get: {
        summary: `${layer.title.zh} ${layer.title.en}: one feature`,
        operationId: `getFeature-${layer.id}`,
        tags: ['Data'],
        parameters: [{ $ref: '#/components/parameters/featureId' }, { $ref: '#/components/parameters/crs' }],
        responses: { 200: jsonResponse('The feature', MEDIA.geojson), 404: errorResponse('Not found') },
      },
    },
  };
}

/** The OpenAPI 3.0 definition of `/ogc`, with one set of paths per collection. */
export function openApiDocument(base: string, layers: Layer[]) {
  return withSurfacePaths({
    openapi: '3.0.3',
    info: {
      title: '清波一张图 Qingbo One Map — OGC API Features',
      version: '1.0.0',
      description: 'Features of the Qingbo Street demo district (WGS84 / CRS84).',
      license: { name: 'Demo data' },
    },
    servers: [{ url: base }],
    tags: [{ name: 'Capabilities' }, { name: 'Data' }],
    paths: {
      '/': { get: { summary: 'Landing page', operationId: 'getLandingPage', tags: ['Capabilities'], responses: { 200: jsonResponse('Landing page') } } },
      '/conformance': { get: { summary: 'Conformance classes', operationId: 'getConformance', tags: ['Capabilities'], responses: { 200: jsonResponse('Conformance') } } },
      '/api': { get: { summary: 'This definition', operationId: 'getApi', tags: ['Capabilities'], responses: { 200: jsonResponse('OpenAPI', MEDIA.openapi) } } },
      '/collections': { get: { summary: 'Collections', operationId: 'getCollections', tags: ['Capabilities'], responses: { 200: jsonResponse('Collections') } } },
      ...Object.assign({}, ...layers.map(collectionPaths)),
    },
    components: {
      parameters: {
        bbox: {
          name: 'bbox', in: 'query', required: false, style: 'form', explode: false,
          description: 'minLon,minLat,maxLon,maxLat in CRS84',
          schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
        },
        datetime: {
          name: 'datetime', in: 'query', required: false, style: 'form', explode: false,
          description: 'An RFC 3339 instant or interval "start/end" (".." for open)',
          schema: { type: 'string' },
        },
        limit: {
          name: 'limit', in: 'query', required: false, style: 'form', explode: false,
          description: `Page size; larger values are clamped to ${ITEMS_LIMIT.maximum}`,
          schema: { type: 'integer', minimum: ITEMS_LIMIT.minimum, maximum: ITEMS_LIMIT.maximum, default: ITEMS_LIMIT.default },
        },
        offset: {
          name: 'offset', in: 'query', required: false, style: 'form', explode: false,
          description: 'Number of features to skip (paging; follow the next link instead)',
          schema: { type: 'integer', minimum: 0, default: 0 },
        },
        featureId: { name: 'featureId', in: 'path', required: true, schema: { type: 'integer' } },
        ...ITEMS_EXTRA_PARAMETERS,
      },
      schemas: {
        error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
        },
      },
    },
  }, base, layers);
}
