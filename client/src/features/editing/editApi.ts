import type { Feature } from 'geojson';
import { HttpError, requestJson, type FetchLike } from '../../api/http';
import { featureUrl } from '../layers';

/** A feature as stored, with the ETag to send back as `If-Match`. */
export interface VersionedFeature {
  feature: Feature;
  etag: string;
}

const GEOJSON = 'application/geo+json, application/json';

async function versioned(response: Response, url: string): Promise<VersionedFeature> {
  if (!response.ok) {
    let body: { error?: { code?: string; message?: string; details?: unknown } } = {};
    try {
      body = await response.json() as typeof body;
    } catch {
      body = {};
    }
    throw new HttpError(response.status, body.error?.message ?? `HTTP ${response.status}`, body.error?.code, body.error?.details);
  }
  const feature = await response.json() as Feature;
  if (feature?.type !== 'Feature') throw new TypeError(`${url}: not a GeoJSON Feature`);
  return { feature, etag: response.headers.get('ETag') ?? '' };
}

function send(fetch: FetchLike, url: string, method: 'GET' | 'POST' | 'PUT', body?: unknown, etag?: string): Promise<Response> {
  return fetch(url, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {
      Accept: GEOJSON,
      ...(body === undefined ? {} : { 'Content-Type': 'application/geo+json' }),
      ...(etag ? { 'If-Match': etag } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** `GET` a feature with its ETag (never from the browser cache). */
export async function loadVersioned(fetch: FetchLike, layerId: string, featureId: string | number): Promise<VersionedFeature> {
  const url = featureUrl(layerId, featureId);
  return versioned(await send(fetch, url, 'GET'), url);
}

/** `POST /ogc/collections/{layerId}/items` (Part 4): the stored feature and its ETag. */
export async function createFeature(fetch: FetchLike, layerId: string, feature: Feature): Promise<VersionedFeature> {
  const url = `/ogc/collections/${encodeURIComponent(layerId)}/items`;
  return versioned(await send(fetch, url, 'POST', feature), url);
}

/** `PUT` a feature with `If-Match` (a 412 `HttpError` when someone else changed it meanwhile). */
export async function replaceFeature(fetch: FetchLike, layerId: string, featureId: string | number, feature: Feature, etag: string): Promise<VersionedFeature> {
  const url = featureUrl(layerId, featureId);
  return versioned(await send(fetch, url, 'PUT', feature, etag), url);
}

/** `DELETE` a feature with `If-Match`. */
export async function deleteFeature(fetch: FetchLike, layerId: string, featureId: string | number, etag: string): Promise<void> {
  await requestJson<void>(featureUrl(layerId, featureId), { fetch, method: 'DELETE', headers: { 'If-Match': etag }, cache: 'no-store' });
}
