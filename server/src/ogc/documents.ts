import type { Layer, LayerExtent } from '../features/layers';
import { CRS84, CRS_URIS } from './crs';

/** Media types used by the OGC API. */
export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
  schema: 'application/schema+json',
  html: 'text/html',
} as const;

/** Conformance classes implemented. */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];

/** A link object of OGC API documents. */
export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

/** Language of titles in OGC documents. */
export type Lang = 'zh' | 'en';

/** The landing page at `/ogc`. */
export function landingPage(base: string) {
  return {
    title: '清波一张图 Qingbo One Map — OGC API Features',
    description: '清波街道（杭州市上城区）演示数据 / Demo data of Qingbo Street subdistrict, Hangzhou, from its 2011 work report.',
    links: [
      { href: `${base}`, rel: 'self', type: MEDIA.json, title: 'This document' },
      { href: `${base}/api`, rel: 'service-desc', type: MEDIA.openapi, title: 'OpenAPI 3.0 definition' },
      { href: `${base}/api.html`, rel: 'service-doc', type: MEDIA.html, title: 'API documentation' },
      { href: `${base}/conformance`, rel: 'conformance', type: MEDIA.json, title: 'Conformance classes' },
      { href: `${base}/collections`, rel: 'data', type: MEDIA.json, title: 'Collections' },
      { href: `${base}/tiles`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector', type: MEDIA.json, title: 'Vector tiles of every collection' },
      { href: `${base}/tileMatrixSets`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes', type: MEDIA.json, title: 'Tile matrix sets' },
      { href: `${base}/styles`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/styles', type: MEDIA.json, title: 'MapLibre styles' },
    ] satisfies Link[],
  };
}

/** One collection's metadata. */
export function collectionDocument(base: string, layer: Layer, extent: LayerExtent, lang: Lang) {
  const href = `${base}/collections/${layer.id}`;
  return {
    id: layer.id,
    title: layer.title[lang],
    description: [layer.description[lang], layer.attribution].filter(Boolean).join(' — '),
    itemType: 'feature',
    crs: CRS_URIS,
    storageCrs: CRS84,
    keywords: [layer.group, layer.title.zh, layer.title.en],
    extent: {
      ...(extent.bbox ? { spatial: { bbox: [extent.bbox], crs: CRS84 } } : {}),
      ...(extent.interval ? { temporal: { interval: [extent.interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } } : {}),
    },
    links: [
      { href, rel: 'self', type: MEDIA.json, title: 'This collection' },
      { href: `${href}/items`, rel: 'items', type: MEDIA.geojson, title: 'Features' },
      { href: `${href}/schema`, rel: 'describedby', type: MEDIA.schema, title: 'Schema of the features' },
      { href: `${href}/queryables`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', type: MEDIA.schema, title: 'Queryables' },
      { href: `${href}/tiles`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector', type: MEDIA.json, title: 'Vector tiles' },
    ] satisfies Link[],
  };
}

/** The JSON Schema of a collection's features (OGC API Features Part 5 style). */
export function schemaDocument(base: string, layer: Layer, lang: Lang) {
  const geometryRole = { 'x-ogc-role': 'primary-geometry', format: `geometry-${layer.geometryType.toLowerCase()}` };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${base}/collections/${layer.id}/schema`,
    type: 'object',
    title: layer.title[lang],
    required: layer.schema.required,
    properties: {
      geometry: geometryRole,
      ...Object.fromEntries(Object.entries(layer.schema.properties).map(([k, p]) => [k, {
        ...p,
        title: lang === 'en' ? p['x-title-en'] ?? p.title : p.title,
      }])),
    },
  };
}

/** Properties that can be filtered on with `?name=value`. */
export function queryablesDocument(base: string, layer: Layer, lang: Lang) {
  const doc = schemaDocument(base, layer, lang);
  return { ...doc, $id: `${base}/collections/${layer.id}/queryables`, additionalProperties: false };
}
