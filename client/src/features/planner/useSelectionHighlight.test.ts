import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { HIGHLIGHT_LAYER_IDS, HIGHLIGHT_SOURCE, highlightData } from './selectionHighlight';
import { useSelectionHighlight, type HighlightTarget } from './useSelectionHighlight';
import type { Selection } from '../workspace';

/** A map keeping sources and layers in plain maps, with a `swapStyle` that drops them all as `setStyle` does. */
function fakeMap() {
  const sources = new Map<string, { data: FeatureCollection }>();
  const layers: string[] = [];
  const listeners = new Set<() => void>();
  const map = {
    style: {},
    getSource: (id: string) => {
      const source = sources.get(id);
      return source && { setData: (data: FeatureCollection) => { source.data = data; } };
    },
    addSource: (id: string, spec: GeoJSONSourceSpecification) => {
      if (sources.has(id)) throw new Error(`source ${id} exists`);
      sources.set(id, { data: spec.data as FeatureCollection });
    },
    getLayer: (id: string) => (layers.includes(id) ? { id } : undefined),
    addLayer: (layer: LayerSpecification) => {
      if (layers.includes(layer.id)) throw new Error(`layer ${layer.id} exists`);
      layers.push(layer.id);
    },
    removeLayer: (id: string) => void layers.splice(layers.indexOf(id), 1),
    removeSource: (id: string) => void sources.delete(id),
    on: (_type: string, listener: () => void) => void listeners.add(listener),
    off: (_type: string, listener: () => void) => void listeners.delete(listener),
  } as unknown as HighlightTarget;
  return {
    map,
    layers,
    drawn: () => sources.get(HIGHLIGHT_SOURCE)?.data.features.map((f) => f.geometry.type),
    swapStyle() {
      sources.clear();
      layers.length = 0;
      for (const listener of listeners) listener();
    },
    listenerCount: () => listeners.size,
  };
}

const ROOM: Feature = { type: 'Feature', id: 3, geometry: { type: 'Point', coordinates: [120.17, 30.25] }, properties: { name: '垃圾房' } };
const ALLEY: Feature = { type: 'Feature', id: 7, geometry: { type: 'LineString', coordinates: [[120.17, 30.25], [120.18, 30.26]] }, properties: {} };

/** A feature cache over a fixed list; a missing feature rejects as a 404 would. */
function cacheOf(features: Record<string, Feature>) {
  const asked: string[] = [];
  return {
    asked,
    feature: (layerId: string, featureId: string | number) => {
      asked.push(`${layerId}/${featureId}`);
      const found = features[`${layerId}/${featureId}`];
      return found ? Promise.resolve(found) : Promise.reject(new Error('404 Not Found'));
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0)).then(nextTick);

describe('highlightData', () => {
  it('holds the feature\'s whole geometry without its properties, or nothing', () => {
    expect(highlightData(ALLEY)?.features).toEqual([{ type: 'Feature', geometry: ALLEY.geometry, properties: {} }]);
    expect(highlightData(null)).toBeNull();
    expect(highlightData({ type: 'Feature', geometry: null as never, properties: {} })).toBeNull();
  });
});

describe('useSelectionHighlight', () => {
  it('draws the selected feature on top, follows the selection and clears on deselect', async () => {
    const fake = fakeMap();
    const cache = cacheOf({ 'garbage-rooms/3': ROOM, 'alley-renovations/7': ALLEY });
    const selection = ref<Selection | null>({ layerId: 'garbage-rooms', featureId: '3' });
    const scope = effectScope();

    scope.run(() => useSelectionHighlight({ map: fake.map, selection, cache }));
    expect(fake.layers).toEqual([]);
    await settle();
    expect(fake.layers).toEqual(Object.values(HIGHLIGHT_LAYER_IDS));
    expect(fake.drawn()).toEqual(['Point']);

    selection.value = { layerId: 'alley-renovations', featureId: '7' };
    await settle();
    expect(fake.drawn()).toEqual(['LineString']);

    selection.value = null;
    await settle();
    expect(fake.drawn()).toBeUndefined();
    expect(fake.layers).toEqual([]);
    scope.stop();
  });

  it('comes back after a style swap and removes itself on dispose', async () => {
    const fake = fakeMap();
    const scope = effectScope();
    scope.run(() => useSelectionHighlight({ map: fake.map, selection: { layerId: 'garbage-rooms', featureId: '3' }, cache: cacheOf({ 'garbage-rooms/3': ROOM }) }));
    await settle();

    fake.swapStyle();
    expect(fake.layers).toEqual(Object.values(HIGHLIGHT_LAYER_IDS));
    expect(fake.drawn()).toEqual(['Point']);

    scope.stop();
    expect(fake.layers).toEqual([]);
    expect(fake.drawn()).toBeUndefined();
    expect(fake.listenerCount()).toBe(0);
  });

  it('hides while inactive and reports a feature that cannot be loaded', async () => {
    const fake = fakeMap();
    const active = ref(false);
    const selection = ref<Selection | null>({ layerId: 'garbage-rooms', featureId: '3' });
    const scope = effectScope();
    const result = scope.run(() => useSelectionHighlight({ map: fake.map, selection, cache: cacheOf({ 'garbage-rooms/3': ROOM }), active }))!;
    await settle();
    expect(fake.drawn()).toBeUndefined();

    active.value = true;
    await settle();
    expect(fake.drawn()).toEqual(['Point']);

    selection.value = { layerId: 'garbage-rooms', featureId: '99' };
    await settle();
    expect(fake.drawn()).toBeUndefined();
    expect(result.error.value).toBe('404 Not Found');
    scope.stop();
  });

  it('keeps only the latest selection when an earlier answer arrives late', async () => {
    const fake = fakeMap();
    let release: (feature: Feature) => void = () => {};
    const cache = {
      feature: (layerId: string) => (layerId === 'slow'
        ? new Promise<Feature>((resolve) => { release = resolve; })
        : Promise.resolve(ALLEY)),
    };
    const selection = ref<Selection | null>({ layerId: 'slow', featureId: '1' });
    const scope = effectScope();
    scope.run(() => useSelectionHighlight({ map: fake.map, selection, cache }));

    selection.value = { layerId: 'alley-renovations', featureId: '7' };
    await settle();
    release(ROOM);
    await settle();
    expect(fake.drawn()).toEqual(['LineString']);
    scope.stop();
  });
});
