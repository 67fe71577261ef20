import type { FeatureCollection } from 'geojson';
import type { LayerInfo } from '@contracts/layers';
import { getJson, type FetchLike } from '../../api/http';

/** Most features fetched per layer in one request. */
export const FEATURE_LIMIT = 10000;

/** `GET /api/layers`: the catalogue in drawing order, bottom first. */
export async function fetchLayers(fetchImpl: FetchLike, signal?: AbortSignal): Promise<LayerInfo[]> {
  const body = await getJson<{ layers: LayerInfo[] }>('/api/layers', { fetch: fetchImpl, signal });
  if (!Array.isArray(body.layers)) throw new TypeError('GET /api/layers: "layers" is not an array');
  return body.layers;
}

/** The OGC items URL of a layer's features. */
export function featuresUrl(layerId: string): string {
  return `/ogc/collections/${encodeURIComponent(layerId)}/items?limit=${FEATURE_LIMIT}`;
}

/** `GET /ogc/collections/{id}/items`: a layer's features as GeoJSON. */
export async function fetchFeatures(layerId: string, fetchImpl: FetchLike, signal?: AbortSignal): Promise<FeatureCollection> {
  return getJson<FeatureCollection>(featuresUrl(layerId), {
    fetch: fetchImpl,
    signal,
    accept: 'application/geo+json, application/json',
  });
}
