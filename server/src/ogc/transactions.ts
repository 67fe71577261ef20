import type { Request, Router } from 'express';
import { featureJson, featureEtag, type FeatureWriteService } from '../features/layers';
import { HttpError, NotFoundError } from '../errors';
import { MEDIA } from './documents';

/** Conformance classes of OGC API – Features Part 4 that the write routes implement. */
export const TRANSACTION_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features',
];

function featureId(req: Request): number {
  const raw = String(req.params.featureId);
  if (!/^\d{1,15}$/.test(raw)) throw new NotFoundError(`feature "${raw}" does not exist in collection "${req.params.id}"`);
  return Number(raw);
}

function requireJson(req: Request): void {
  if (!req.is(['application/json', 'application/geo+json', 'application/merge-patch+json'])) {
    throw new HttpError(415, 'unsupported_media_type', 'send the feature as application/geo+json or application/json');
  }
}

/** Adds POST/PUT/PATCH/DELETE on items (OGC API – Features Part 4) to the OGC router. */
export function addTransactionRoutes(router: Router, writes: FeatureWriteService, baseOf: (req: Request) => string): void {
  router.post('/collections/:id/items', (req, res) => {
    requireJson(req);
    const row = writes.create(req.params.id as string, req.body, req.user!);
    res.status(201).set({ Location: `${baseOf(req)}/collections/${req.params.id}/items/${row.id}`, ETag: featureEtag(row) });
    res.type(MEDIA.geojson).send(featureJson(row));
  });

  router.put('/collections/:id/items/:featureId', (req, res) => {
    requireJson(req);
    const row = writes.replace(req.params.id as string, featureId(req), req.body, req.get('if-match'), req.user!);
    res.set('ETag', featureEtag(row)).type(MEDIA.geojson).send(featureJson(row));
  });

  router.patch('/collections/:id/items/:featureId', (req, res) => {
    requireJson(req);
    const row = writes.patch(req.params.id as string, featureId(req), req.body, req.get('if-match'), req.user!);
    res.set('ETag', featureEtag(row)).type(MEDIA.geojson).send(featureJson(row));
  });

  router.delete('/collections/:id/items/:featureId', (req, res) => {
    writes.remove(req.params.id as string, featureId(req), req.get('if-match'), req.user!);
    res.status(204).end();
  });
}
