import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { useLayerFilters, type FilterTarget } from './useLayerFilters';

function fakeMap(layers: LayerSpecification[]): FilterTarget & { filters: Map<string, unknown> } {
  const filters = new Map<string, unknown>(layers.map((l) => [l.id, 'filter' in l ? l.filter : undefined]));
  return {
    filters,
    getLayersOrder: () => layers.map((l) => l.id),
    getLayer: (id) => layers.find((l) => l.id === id),
    getFilter: (id) => (filters.get(id) ?? null) as FilterSpecification | null,
    setFilter: (id, filter) => filters.set(id, filter ?? undefined),
    on: () => undefined,
    off: () => undefined,
  };
}

describe('useLayerFilters on a clustered layer', () => {
  it('uses the filter the style names for a filtered layer (points, not clusters) and its own otherwise', async () => {
    const meta = (role: string, filtered: unknown) => ({ 'qingbo:layer': 'cases', 'qingbo:role': role, 'qingbo:filtered': filtered });
    const layers = [
      { id: 'cases-circle', type: 'circle', source: 's', filter: ['!', ['has', 'in_cluster']], metadata: meta('circle', ['!', ['has', 'point_count']]) },
      { id: 'cases-count', type: 'symbol', source: 's', filter: ['has', 'point_count'], metadata: meta('count', ['boolean', false]) },
    ] as LayerSpecification[];
    const map = fakeMap(layers);
    const expressions = ref<Record<string, ExpressionSpecification | undefined>>({});
    const scope = effectScope();
    scope.run(() => useLayerFilters({ map, style: { layers }, expressions }));
    const closed: ExpressionSpecification = ['==', ['get', 'state'], 'closed'];
    expressions.value = { cases: closed };
    await nextTick();
    expect(map.filters.get('cases-circle')).toEqual(['all', ['!', ['has', 'point_count']], closed]);
    expect(map.filters.get('cases-count')).toEqual(['all', ['boolean', false], closed]);
    expressions.value = {};
    await nextTick();
    expect(map.filters.get('cases-circle')).toEqual(['!', ['has', 'in_cluster']]);
    scope.stop();
  });
});
