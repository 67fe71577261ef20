import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useOverlay, type UseOverlayOptions } from './useOverlay';

/** A map holding sources and layers, with a style swap that drops them. */
function fakeMap() {
  const sources = new Map<string, { data: unknown; setData(d: unknown): void }>();
  const layers: { id: string; source: string }[] = [];
  const listeners: (() => void)[] = [];
  const map = {
    style: {},
    getSource: (id: string) => sources.get(id),
    addSource: (id: string, spec: { data: unknown }) => {
      const source = { data: spec.data, setData(d: unknown) { source.data = d; } };
      sources.set(id, source);
    },
    getLayer: (id: string) => layers.find((l) => l.id === id),
    addLayer: (layer: { id: string; source: string }) => { layers.push(layer); },
    removeLayer: (id: string) => { layers.splice(layers.findIndex((l) => l.id === id), 1); },
    removeSource: (id: string) => { sources.delete(id); },
    on: (_type: string, listener: () => void) => { listeners.push(listener); },
    off: (_type: string, listener: () => void) => { listeners.splice(listeners.indexOf(listener), 1); },
  };
  const swapStyle = () => {
    sources.clear();
    layers.length = 0;
    for (const l of [...listeners]) l();
  };
  return { map: map as unknown as UseOverlayOptions['map'], sources, layers, listeners, swapStyle };
}

const collection = (n: number): FeatureCollection => ({
  type: 'FeatureCollection',
  features: Array.from({ length: n }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [120.16, 30.24] } })),
});

describe('useOverlay', () => {
  it('draws, follows the data, hides on null, comes back after a style swap and cleans up', async () => {
    const fake = fakeMap();
    const data = ref<FeatureCollection | null>(null);
    const scope = effectScope();
    scope.run(() => useOverlay({
      map: fake.map, source: 'analysis-test', data,
      layers: [{ id: 'analysis-test-fill', type: 'fill', paint: {} }, { id: 'analysis-test-line', type: 'line', paint: {} }],
    }));
    expect(fake.layers).toEqual([]);

    data.value = collection(2);
    await nextTick();
    expect(fake.layers.map((l) => [l.id, l.source])).toEqual([['analysis-test-fill', 'analysis-test'], ['analysis-test-line', 'analysis-test']]);
    expect(fake.sources.get('analysis-test')?.data).toEqual(collection(2));

    data.value = collection(3);
    await nextTick();
    expect(fake.sources.get('analysis-test')?.data).toEqual(collection(3));
    expect(fake.layers).toHaveLength(2);

    fake.swapStyle();
    expect(fake.layers.map((l) => l.id)).toEqual(['analysis-test-fill', 'analysis-test-line']);

    data.value = null;
    await nextTick();
    expect([fake.layers.length, fake.sources.size]).toEqual([0, 0]);

    data.value = collection(1);
    await nextTick();
    scope.stop();
    expect([fake.layers.length, fake.sources.size, fake.listeners.length]).toEqual([0, 0, 0]);
  });
});
