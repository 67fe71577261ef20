import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { createFeatureCache } from '../workspace';
import { sampleLayer } from '../layers';
import type { FeatureCache } from '../workspace';
import { useSearchIndex } from './useSearchIndex';

const alleys = sampleLayer();
const rooms = sampleLayer({ id: 'garbage-rooms', geometryType: 'Point', title: { zh: '生态垃圾房', en: 'Garbage rooms' } });
const cases = sampleLayer({ id: 'cases', readOnly: true });

function named(id: string, name: string): Feature {
  return { type: 'Feature', id, properties: { name }, geometry: { type: 'Point', coordinates: [120.16, 30.24] } };
}

/** A feature cache over `collections` (a missing layer fails) that counts its requests; `gate` holds answers back until released. */
function fakeCache(collections: Record<string, Feature[]>) {
  const requests: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const cache: FeatureCache = {
    async collection(layerId) {
      requests.push(layerId);
      await gate;
      const features = collections[layerId];
      if (!features) throw new Error(`GET ${layerId}: 500`);
      return { type: 'FeatureCollection', features } satisfies FeatureCollection;
    },
    feature: () => Promise.reject(new Error('not used')),
    invalidate: () => undefined,
    revision: () => 0,
  };
  return { cache, requests, release };
}

describe('useSearchIndex', () => {
  it('fetches nothing until asked, then every searchable layer once, with a loading state', async () => {
    const { cache, requests, release } = fakeCache({
      'alley-renovations': [named('a1', '红门局')], 'garbage-rooms': [named('g1', '红门局生态垃圾房')], cases: [named('c7', 'QB2011-000007')],
    });
    const index = useSearchIndex({ layers: [alleys, rooms, cases], cache });
    expect([index.status.value, requests]).toEqual(['idle', []]);

    const loading = index.load();
    expect(index.status.value).toBe('loading');
    release();
    await loading;

    expect(requests).toEqual(['alley-renovations', 'garbage-rooms', 'cases']);
    expect(index.status.value).toBe('ready');
    expect(index.entries.value.map((e) => `${e.layerId}/${e.featureId}`)).toEqual(['alley-renovations/a1', 'garbage-rooms/g1', 'cases/c7']);
    expect(index.failed.value).toEqual([]);
  });

  it('keeps what loaded and names the layers that failed; fails as a whole only when all did', async () => {
    const partly = fakeCache({ 'alley-renovations': [named('a1', '红门局')] });
    partly.release();
    const index = useSearchIndex({ layers: [alleys, rooms], cache: partly.cache });
    await index.load();
    expect([index.status.value, index.entries.value.length, index.failed.value]).toEqual(['ready', 1, ['garbage-rooms']]);

    const none = fakeCache({});
    none.release();
    const broken = useSearchIndex({ layers: [alleys, rooms], cache: none.cache });
    await broken.load();
    expect([broken.status.value, broken.entries.value.length, broken.failed.value]).toEqual(['error', 0, ['alley-renovations', 'garbage-rooms']]);
  });

  it('gathers a layer again once the cache dropped it (a live update), but not before it was first asked', async () => {
    const served: Record<string, Feature[]> = { cases: [named('7', 'QB2011-000007')] };
    const urls: string[] = [];
    const cache = createFeatureCache(async (url) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ type: 'FeatureCollection', features: served.cases }), { headers: { 'content-type': 'application/geo+json' } });
    });
    const index = useSearchIndex({ layers: [cases], cache });
    cache.invalidate('cases');
    await nextTick();
    expect(urls).toEqual([]);

    await index.load();
    expect(index.entries.value.map((e) => e.featureId)).toEqual(['7']);
    served.cases = [named('7', 'QB2011-000007'), named('8', 'QB2011-000008')];
    cache.invalidate('cases');
    await vi.waitFor(() => expect(index.entries.value.map((e) => e.featureId)).toEqual(['7', '8']));
    expect(urls).toHaveLength(2);
    expect(index.status.value).toBe('ready');
  });

  it('only marks itself stale on a change while the search is not in use, and reloads at the next load', async () => {
    const urls: string[] = [];
    const cache = createFeatureCache(async (url) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ type: 'FeatureCollection', features: [named('7', 'QB2011-000007')] }), { headers: { 'content-type': 'application/geo+json' } });
    });
    const active = ref(false);
    const index = useSearchIndex({ layers: [cases], cache, active });
    await index.load();
    cache.invalidate('cases');
    await nextTick();
    expect([index.stale.value, urls.length]).toEqual([true, 1]);
    await index.load();
    expect([index.stale.value, urls.length]).toEqual([false, 2]);
    active.value = true;
    cache.invalidate('cases');
    await vi.waitFor(() => expect(urls).toHaveLength(3));
  });
});
