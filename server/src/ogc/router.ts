import { Router, type Request, type Response } from 'express';
import { type LayerService, featureEtag, type FeatureWriteService } from '../features/layers';
import { NotFoundError } from '../errors';
import { collectionDocument, CONFORMANCE, landingPage, MEDIA, queryablesDocument, schemaDocument, type Lang, type Link } from './documents';
import { openApiDocument } from './openapi';
import { parseItemParams, parseItemsParams } from './items-params';
import { contentCrs } from './crs';
import { FILTER_CONFORMANCE } from './cql2';
import { featureText } from './feature-output';
import { apiHtml } from './api-html';
import { addTransactionRoutes, transactionConformance } from './transactions';
import { addTilesRoutes } from './tiles';
import { TILES_CONFORMANCE } from './tiles-documents';
import { addStylesRoutes } from './styles';
import { addExportRoute, exportLinks } from './exports';
import type { ExportService } from '../features/export';

/** Options of the OGC API router. */
export interface OgcRouterOptions {
  layers: LayerService;
  writes: FeatureWriteService;
  /** Fixed public base URL (no trailing slash); derived from the request when absent. */
  publicBaseUrl?: string;
  /** PUT/PATCH/DELETE need `If-Match` (428 without), and the optimistic-locking class is declared. */
  requireIfMatch?: boolean;
  /** Writes the GeoPackage and Shapefile downloads (`f=gpkg`, `f=shp`) of items. */
  exports: ExportService;
}

function sendJson(res: Response, body: unknown, type: string = MEDIA.json): void {
  res.type(type).send(JSON.stringify(body));
}

/** GeoJSON is served as application/geo+json unless the client asks for application/json (`f=json` or Accept). */
function featureMediaType(req: Request): string {
  if (req.query.f === 'json') return MEDIA.json;
  if (req.query.f === 'geojson') return MEDIA.geojson;
  return req.accepts([MEDIA.geojson, MEDIA.json]) === MEDIA.json ? MEDIA.json : MEDIA.geojson;
}

function langOf(req: Request): Lang {
  return req.acceptsLanguages('zh', 'zh-CN', 'en') === 'en' ? 'en' : 'zh';
}

function withQuery(href: string, query: Record<string, unknown>, overrides: Record<string, string | number>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...overrides })) {
    if (typeof v === 'string' || typeof v === 'number') params.set(k, String(v));
  }
  return `${href}?${params.toString()}`;
}

/** OGC API – Features Part 1 (core, GeoJSON, OpenAPI 3.0) over every layer. */
export function createOgcRouter(options: OgcRouterOptions): Router {
  const { layers } = options;
  const router = Router();
  const baseOf = (req: Request) => `${options.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`}/ogc`;
  const withDownloads = <T extends { links: Link[] }>(doc: T, itemsHref: string): T => ({ ...doc, links: [...doc.links, ...exportLinks(options.exports, (f) => `${itemsHref}?f=${f}`)] });

  router.get('/', (req, res) => sendJson(res, landingPage(baseOf(req))));
  router.get('/conformance', (_req, res) => sendJson(res, { conformsTo: [...CONFORMANCE, ...FILTER_CONFORMANCE, ...transactionConformance(options.requireIfMatch ?? false), ...TILES_CONFORMANCE] }));
  router.get('/api', (req, res) => sendJson(res, openApiDocument(baseOf(req), layers.list()), MEDIA.openapi));
  router.get('/api.html', (req, res) => {
    res.type(MEDIA.html).send(apiHtml(baseOf(req), layers.list()));
  });

  router.get('/collections', (req, res) => {
    const base = baseOf(req);
    const lang = langOf(req);
    sendJson(res, {
      links: [{ href: `${base}/collections`, rel: 'self', type: MEDIA.json, title: 'Collections' }] satisfies Link[],
      collections: layers.list().map((l) => withDownloads(collectionDocument(base, l, layers.extent(l.id), lang), `${base}/collections/${l.id}/items`)),
    });
  });

  router.get('/collections/:id', (req, res) => {
    const layer = layers.require(req.params.id);
    sendJson(res, withDownloads(collectionDocument(baseOf(req), layer, layers.extent(layer.id), langOf(req)), `${baseOf(req)}/collections/${layer.id}/items`));
  });

  router.get('/collections/:id/schema', (req, res) => {
    sendJson(res, schemaDocument(baseOf(req), layers.require(req.params.id), langOf(req)), MEDIA.schema);
  });

  router.get('/collections/:id/queryables', (req, res) => {
    sendJson(res, queryablesDocument(baseOf(req), layers.require(req.params.id), langOf(req)), MEDIA.schema);
  });

  addExportRoute(router, layers, options.exports);
  router.get('/collections/:id/items', (req, res) => {
    const layer = layers.require(req.params.id);
    const query = req.query as Record<string, unknown>;
    const { crs, properties, ...p } = parseItemsParams(layer, query);
    const { rows, numberMatched } = layers.query({ layerId: layer.id, ...p });
    const href = `${baseOf(req)}/collections/${layer.id}/items`;
    const links: Link[] = [
      { href: withQuery(href, query, {}), rel: 'self', type: MEDIA.geojson, title: 'This page' },
      { href: `${baseOf(req)}/collections/${layer.id}`, rel: 'collection', type: MEDIA.json, title: 'The collection' },
      ...exportLinks(options.exports, (f) => withQuery(href, query, { f })),
    ];
    if (p.offset + rows.length < numberMatched) {
      links.push({ href: withQuery(href, query, { offset: p.offset + p.limit, limit: p.limit }), rel: 'next', type: MEDIA.geojson, title: 'Next page' });
    }
    if (p.offset > 0) {
      links.push({ href: withQuery(href, query, { offset: Math.max(0, p.offset - p.limit), limit: p.limit }), rel: 'prev', type: MEDIA.geojson, title: 'Previous page' });
    }
    const head = `{"type":"FeatureCollection","numberMatched":${numberMatched},"numberReturned":${rows.length},"timeStamp":"${new Date().toISOString()}","links":${JSON.stringify(links)},"features":[`;
    res.set('Content-Crs', contentCrs(crs));
    res.type(featureMediaType(req)).send(`${head}${rows.map((r) => featureText(r, crs, properties)).join(',')}]}`);
  });

  router.get('/collections/:id/items/:featureId', (req, res) => {
    const layer = layers.require(req.params.id);
    const raw = req.params.featureId;
    if (!/^\d+$/.test(raw)) throw new NotFoundError(`feature "${raw}" does not exist in collection "${layer.id}"`);
    const { crs } = parseItemParams(req.query as Record<string, unknown>);
    const row = layers.feature(layer.id, Number(raw));
    const base = `${baseOf(req)}/collections/${layer.id}`;
    const links: Link[] = [
      { href: `${base}/items/${row.id}`, rel: 'self', type: MEDIA.geojson },
      { href: base, rel: 'collection', type: MEDIA.json },
    ];
    res.set('ETag', featureEtag(row));
    res.set('Content-Crs', contentCrs(crs));
    res.type(featureMediaType(req)).send(`${featureText(row, crs).slice(0, -1)},"links":${JSON.stringify(links)}}`);
  });

  addTilesRoutes(router, layers, baseOf);
  addStylesRoutes(router, baseOf, (req) => baseOf(req).slice(0, -'/ogc'.length));
  addTransactionRoutes(router, options.writes, baseOf, { requireIfMatch: options.requireIfMatch });
  return router;
}
