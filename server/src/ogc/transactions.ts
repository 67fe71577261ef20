import type { Request, Router } from 'express';
import { featureJson, featureEtag, type FeatureWriteService } from '../features/layers';
import { BadRequestError, HttpError, NotFoundError } from '../errors';
import { MEDIA } from './documents';

/** Conformance classes of OGC API – Features Part 4 that the write routes implement. */
export const TRANSACTION_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features',
];

/** Part 4's optimistic locking with ETags: declared only when every change must carry `If-Match`. */
export const IF_MATCH_CONFORMANCE = 'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags';

/** The Part 4 classes declared for a configuration. */
export function transactionConformance(requireIfMatch: boolean): string[] {
  return requireIfMatch ? [...TRANSACTION_CONFORMANCE, IF_MATCH_CONFORMANCE] : TRANSACTION_CONFORMANCE;
}

/** Options of the write routes. */
export interface TransactionOptions {
  /** PUT, PATCH and DELETE without `If-Match` answer 428 (`OGC_REQUIRE_IF_MATCH`). */
  requireIfMatch?: boolean;
}

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

/**
 * Runs a write; a body that is JSON but not a valid feature (schema, geometry, district, members)
 * is a 422 with the same problem list, as Part 4 says. JSON that does not parse stays a 400
 * (the body parser answers it before this).
 */
function unprocessable<T>(write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof BadRequestError) throw new HttpError(422, 'invalid_feature', err.message, err.details);
    throw err;
  }
}

/** Adds POST/PUT/PATCH/DELETE on items (OGC API – Features Part 4) to the OGC router. */
export function addTransactionRoutes(router: Router, writes: FeatureWriteService, baseOf: (req: Request) => string, options: TransactionOptions = {}): void {
  const ifMatch = (req: Request): string | undefined => {
    const value = req.get('if-match');
    if (value === undefined && options.requireIfMatch) {
      throw new HttpError(428, 'precondition_required', 'send If-Match with the ETag of the feature you read (this server refuses blind changes)');
    }
    return value;
  };

  router.post('/collections/:id/items', (req, res) => {
    requireJson(req);
    const row = unprocessable(() => writes.create(req.params.id as string, req.body, req.user!));
    res.status(201).set({ Location: `${baseOf(req)}/collections/${req.params.id}/items/${row.id}`, ETag: featureEtag(row) });
    res.type(MEDIA.geojson).send(featureJson(row));
  });

  router.put('/collections/:id/items/:featureId', (req, res) => {
    requireJson(req);
    const id = featureId(req);
    const row = unprocessable(() => writes.replace(req.params.id as string, id, req.body, ifMatch(req), req.user!));
    res.set('ETag', featureEtag(row)).type(MEDIA.geojson).send(featureJson(row));
  });

  router.patch('/collections/:id/items/:featureId', (req, res) => {
    requireJson(req);
    const id = featureId(req);
    const row = unprocessable(() => writes.patch(req.params.id as string, id, req.body, ifMatch(req), req.user!));
    res.set('ETag', featureEtag(row)).type(MEDIA.geojson).send(featureJson(row));
  });

  router.delete('/collections/:id/items/:featureId', (req, res) => {
    const id = featureId(req);
    writes.remove(req.params.id as string, id, ifMatch(req), req.user!);
    res.status(204).end();
  });
}
