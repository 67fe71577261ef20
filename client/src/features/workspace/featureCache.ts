import type { Feature, FeatureCollection } from 'geojson';
import { ref } from 'vue';
import { getJson, type FetchLike } from '../../api/http';
import { fetchFeature } from '../layers';

/** The most features one request asks for (the OGC API's maximum `limit`). */
export const COLLECTION_LIMIT = 10_000;

/** Features fetched once per layer from the OGC API and shared by the details panel, the filter counts and the popup. */
export interface FeatureCache {
  /** Every feature of a layer (`/ogc/collections/{id}/items?limit=10000`), fetched once. */
  collection(layerId: string): Promise<FeatureCollection>;
  /** One feature with all its properties (long text included); one request per feature however often asked. */
  feature(layerId: string, featureId: string | number): Promise<Feature>;
  /** Forgets what was fetched of a layer, e.g. after an edit. */
  invalidate(layerId: string): void;
  /** How often a layer was invalidated (reactive): what counts or indexes its features watches it to recount. */
  revision(layerId: string): number;
}

/** Creates a feature cache over `fetch` (injected in tests). */
export function createFeatureCache(fetch: FetchLike): FeatureCache {
  const collections = new Map<string, Promise<FeatureCollection>>();
  const features = new Map<string, Promise<Feature>>();
  const revisions = ref<Record<string, number>>({});

  function remember<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const known = cache.get(key);
    if (known) return known;
    const pending = load();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
    return pending;
  }

  return {
    collection: (layerId) => remember(collections, layerId, async () => {
      const url = `/ogc/collections/${encodeURIComponent(layerId)}/items?limit=${COLLECTION_LIMIT}`;
      const body = await getJson<FeatureCollection>(url, { fetch, accept: 'application/geo+json, application/json' });
      if (body?.type !== 'FeatureCollection' || !Array.isArray(body.features)) throw new TypeError(`GET ${url}: not a FeatureCollection`);
      return body;
    }),
    feature: (layerId, featureId) => remember(features, `${layerId}/${featureId}`, () => fetchFeature(layerId, featureId, fetch)),
    invalidate(layerId) {
      collections.delete(layerId);
      for (const key of features.keys()) if (key.startsWith(`${layerId}/`)) features.delete(key);
      revisions.value = { ...revisions.value, [layerId]: (revisions.value[layerId] ?? 0) + 1 };
    },
    revision: (layerId) => revisions.value[layerId] ?? 0,
  };
}
