import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Request, Router } from 'express';
import { BadRequestError, HttpError } from '../errors';
import { EXPORT_FORMAT_INFO, EXPORT_MAX_FEATURES, isExportFormat, type ExportFormat, type ExportService } from '../features/export';
import type { LayerService } from '../features/layers';
import { CRS84, STORAGE_CRS } from './crs';
import type { Link } from './documents';
import { featureText } from './feature-output';
import { parseItemsParams } from './items-params';

const EPSG_4326 = 'http://www.opengis.net/def/crs/EPSG/0/4326';

/** `rel=alternate` links to the downloads this server can write (none without ogr2ogr); `hrefOf` gives the items URL with `f` set. */
export function exportLinks(exports: Pick<ExportService, 'formats'>, hrefOf: (f: ExportFormat) => string): Link[] {
  return exports.formats().map((f) => ({ href: hrefOf(f), rel: 'alternate', type: EXPORT_FORMAT_INFO[f].mediaType, title: `Download as ${EXPORT_FORMAT_INFO[f].title}` }));
}

function exportLimit(text: unknown): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !/^\d{1,9}$/.test(text) || Number(text) < 1) throw new BadRequestError('parameter "limit" must be an integer ≥ 1', { parameter: 'limit' });
  return Math.min(Number(text), EXPORT_MAX_FEATURES);
}

/**
 * `GET /collections/{id}/items?f=gpkg|shp`: the features the same query would list (bbox,
 * datetime, filter, sortby, properties, offset), without paging unless `limit` is given, as a
 * GeoPackage or a zipped shapefile in EPSG:4326. At most {@link EXPORT_MAX_FEATURES} features:
 * a bigger collection without `limit` is a 400. Registered before the items route: other `f` pass on.
 */
export function addExportRoute(router: Router, layers: LayerService, exports: ExportService): void {
  router.get('/collections/:id/items', async (req: Request, res, next) => {
    const format = req.query.f;
    if (!isExportFormat(format)) return next();
    const layer = layers.require(String(req.params.id));
    const { f: _f, limit: rawLimit, ...rest } = req.query as Record<string, unknown>;
    const { crs, properties, limit: _paged, ...p } = parseItemsParams(layer, rest);
    if (crs !== STORAGE_CRS && crs.uri !== EPSG_4326) throw new BadRequestError(`downloads are written in WGS 84 (EPSG:4326, longitude first as GIS files store it): crs must be ${CRS84} or ${EPSG_4326}`, { parameter: 'crs' });
    const limit = exportLimit(rawLimit);
    const keys = properties ?? Object.keys(layer.schema.properties);
    const out = await exports.export(format, {
      name: layer.id,
      properties: keys,
      titles: Object.fromEntries(keys.map((k) => [k, layer.schema.properties[k]?.title])),
      features: () => {
        const { rows, numberMatched } = layers.query({ layerId: layer.id, ...p, limit: limit ?? EXPORT_MAX_FEATURES });
        if (limit === undefined && p.offset + rows.length < numberMatched) {
          throw new HttpError(400, 'export_too_large', `${numberMatched - p.offset} features match, more than the ${EXPORT_MAX_FEATURES} one download may hold: narrow the query (bbox, datetime, filter) or page it (limit, offset)`);
        }
        return rows.map((r) => featureText(r, STORAGE_CRS, properties));
      },
    });
    try {
      res.attachment(out.filename);
      res.type(out.mediaType);
      res.set('Content-Length', String(out.size));
      await pipeline(fs.createReadStream(out.file), res);
    } catch (err) {
      // the client went away mid-download: there is no one left to answer
      if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
    } finally {
      await out.dispose();
    }
  });
}
