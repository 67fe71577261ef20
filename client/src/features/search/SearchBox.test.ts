import { flushPromises, mount } from '@vue/test-utils';
import type { Feature } from 'geojson';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { shallowRef } from 'vue';
import { createTestI18n } from '../../i18n/testing';
import { MAP_CONTEXT } from '../../maplibre/context';
import { useLayersStore, sampleLayer } from '../layers';
import { type FeatureCache, FEATURE_CACHE, usePlannerStore } from '../workspace';
import SearchBox from './SearchBox.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });

const alleys = sampleLayer();
const rooms = sampleLayer({
  id: 'garbage-rooms', geometryType: 'Point', title: { zh: '生态垃圾房', en: 'Garbage rooms' },
  schema: { type: 'object', required: [], properties: { name: { type: 'string' }, name_en: { type: 'string' }, address: { type: 'string', title: '地址' } } },
});

const FEATURES: Record<string, Feature[]> = {
  'alley-renovations': [
    { type: 'Feature', id: 7, properties: { name: '红门局', name_en: 'Hongmenju Alley' }, geometry: { type: 'LineString', coordinates: [[120.157, 30.247], [120.159, 30.2475]] } },
    { type: 'Feature', id: 8, properties: { name: '杨坝头', name_en: 'Yangbatou Alley' }, geometry: { type: 'LineString', coordinates: [[120.16, 30.24], [120.161, 30.241]] } },
  ],
  'garbage-rooms': [
    { type: 'Feature', id: 3, properties: { name: '清波生态垃圾房', name_en: 'Qingbo room', address: '红门局10号旁' }, geometry: { type: 'Point', coordinates: [120.158, 30.246] } },
  ],
};

/** The search box over a recording map and a cache of FEATURES, with the catalogue loaded and garbage rooms hidden. */
function open() {
  const fits: unknown[][] = [];
  const map = {
    resize: () => map,
    getContainer: () => ({ getBoundingClientRect: () => ({ width: 1000, height: 700 }) }),
    fitBounds: (...args: unknown[]) => fits.push(args),
  };
  const requests: string[] = [];
  const cache: FeatureCache = {
    collection: async (id) => {
      requests.push(id);
      return { type: 'FeatureCollection', features: FEATURES[id] ?? [] };
    },
    feature: () => Promise.reject(new Error('not used')),
    invalidate: () => undefined,
    revision: () => 0,
  };
  const pinia = createPinia();
  const layers = useLayersStore(pinia);
  layers.layers = [alleys, rooms];
  layers.visibility = { 'alley-renovations': true, 'garbage-rooms': false };
  const wrapper = mount(SearchBox, {
    attachTo: document.body,
    global: {
      plugins: [pinia, createTestI18n({ storage: memoryStorage() })],
      provide: { [MAP_CONTEXT as symbol]: { map: shallowRef(map as unknown as MaplibreMap) }, [FEATURE_CACHE as symbol]: cache },
    },
  });
  return { wrapper, fits, requests, layers, planner: usePlannerStore(pinia), input: wrapper.get('input[role="combobox"]') };
}

function optionTexts(wrapper: ReturnType<typeof open>['wrapper']): string[] {
  return wrapper.findAll('[role="option"]').map((o) => o.findAll('.search-box__name, .search-box__layer, .search-box__detail').map((part) => part.text()).join(' | '));
}

describe('SearchBox', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('asks the feature cache for the layers only once focused (again on each focus, to catch edits) and lists ranked matches labelled with their layer', async () => {
    const { wrapper, requests, input } = open();
    expect(requests).toEqual([]);

    await input.trigger('focus');
    await input.setValue('红门局');
    await flushPromises();

    expect(requests).toEqual(['alley-renovations', 'garbage-rooms']);
    expect(input.attributes('aria-expanded')).toBe('true');
    expect(optionTexts(wrapper)).toEqual(['红门局 | 背街小巷改造 | Hongmenju Alley', '清波生态垃圾房 | 生态垃圾房 | 地址：红门局10号旁']);

    await input.trigger('blur');
    await input.trigger('focus');
    await flushPromises();
    expect(requests).toEqual(['alley-renovations', 'garbage-rooms', 'alley-renovations', 'garbage-rooms']);
    wrapper.unmount();
  });

  it('picks a result with the keyboard: shows its layer, selects it and fits the map to it', async () => {
    const { wrapper, fits, layers, planner, input } = open();
    await input.trigger('focus');
    await input.setValue('qingbo');
    await flushPromises();

    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(input.attributes('aria-activedescendant')).toBe('feature-search-results-0');
    expect(wrapper.get('#feature-search-results-0').attributes('aria-selected')).toBe('true');
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();

    expect(planner.selection).toEqual({ layerId: 'garbage-rooms', featureId: '3' });
    expect(layers.isVisible('garbage-rooms')).toBe(true);
    expect(fits).toEqual([[[120.158, 30.246, 120.158, 30.246], expect.objectContaining({ maxZoom: 17 })]]);
    expect((input.element as HTMLInputElement).value).toBe('清波生态垃圾房');
    expect(input.attributes('aria-expanded')).toBe('false');
    wrapper.unmount();
  });

  it('moves through results with the arrows (wrapping), closes on Escape and clears on a second one', async () => {
    const { wrapper, input } = open();
    await input.trigger('focus');
    await input.setValue('alley');
    await flushPromises();
    expect(optionTexts(wrapper).map((t) => t.split(' | ')[0])).toEqual(['红门局', '杨坝头']);

    await input.trigger('keydown', { key: 'ArrowUp' });
    expect(input.attributes('aria-activedescendant')).toBe('feature-search-results-1');
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(input.attributes('aria-activedescendant')).toBe('feature-search-results-0');

    await input.trigger('keydown', { key: 'Escape' });
    expect(input.attributes('aria-expanded')).toBe('false');
    await input.trigger('keydown', { key: 'Escape' });
    expect((input.element as HTMLInputElement).value).toBe('');
    wrapper.unmount();
  });

  it('says so when nothing matches', async () => {
    const { wrapper, input, planner } = open();
    await input.trigger('focus');
    await input.setValue('西湖');
    await flushPromises();

    expect(wrapper.findAll('[role="option"]')).toHaveLength(0);
    expect(wrapper.get('.search-box__popup').text()).toContain('无匹配结果');
    await input.trigger('keydown', { key: 'Enter' });
    expect(planner.selection).toBeNull();
    wrapper.unmount();
  });
});
