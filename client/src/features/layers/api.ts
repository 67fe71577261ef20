import type { Feature } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import type { LayerInfo, LayersAnswer } from '@shared/layers';
import { getJson, type FetchLike } from '../../api/http';

/** `GET /api/layers`: the catalogue in drawing order, bottom first. */
export async function fetchLayers(fetchImpl: FetchLike, signal?: AbortSignal): Promise<LayerInfo[]> {
  const body = await getJson<LayersAnswer>('/api/layers', { fetch: fetchImpl, signal });
  if (!Array.isArray(body.layers)) throw new TypeError('GET /api/layers: "layers" is not an array');
  return body.layers;
}

/** `GET /styles/{name}.json?lang=…` (give `styleUrl(…)`): a MapLibre style as plain JSON. */
export async function fetchStyle(url: string, fetchImpl: FetchLike, signal?: AbortSignal): Promise<StyleSpecification> {
  const style = await getJson<StyleSpecification>(url, { fetch: fetchImpl, signal });
  if (style.version !== 8 || !Array.isArray(style.layers)) throw new TypeError(`GET ${url}: not a MapLibre style`);
  return style;
}

/** The OGC API URL of one feature. */
export function featureUrl(layerId: string, featureId: string | number): string {
  return `/ogc/collections/${encodeURIComponent(layerId)}/items/${encodeURIComponent(String(featureId))}`;
}

/** `GET /ogc/collections/{layerId}/items/{featureId}`: one feature with all its properties. */
export async function fetchFeature(layerId: string, featureId: string | number, fetchImpl: FetchLike, signal?: AbortSignal): Promise<Feature> {
  const feature = await getJson<Feature>(featureUrl(layerId, featureId), { fetch: fetchImpl, signal, accept: 'application/geo+json, application/json' });
  if (feature?.type !== 'Feature') throw new TypeError(`GET ${featureUrl(layerId, featureId)}: not a GeoJSON Feature`);
  return feature;
}
