import type { ExpressionSpecification, FilterSpecification, StyleSpecification } from 'maplibre-gl';
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { FILTERED_METADATA_KEY } from '@shared/legend';
import { injectMap } from './context';
import { catalogueLayerOf, type TaggedLayer } from './styleMetadata';

/** The map methods `useLayerFilters` calls; a MapLibre map has them. */
export interface FilterTarget {
  getLayersOrder(): string[];
  getLayer(id: string): TaggedLayer | undefined;
  getFilter(id: string): FilterSpecification | null | void;
  setFilter(id: string, filter?: FilterSpecification | null): unknown;
  on(type: 'styledata', listener: () => void): unknown;
  off(type: 'styledata', listener: () => void): unknown;
}

/** Options of `useLayerFilters`. */
export interface UseLayerFiltersOptions {
  /** The style as served: each style layer's own `filter` is kept and combined with the added one. */
  style: MaybeRefOrGetter<Pick<StyleSpecification, 'layers'> | null>;
  /** The expression to add per catalogue layer id; layers missing from it show their own filter only. */
  expressions: MaybeRefOrGetter<Readonly<Record<string, ExpressionSpecification | undefined>>>;
  /** The map to act on; the surrounding `MapView`'s by default. */
  map?: FilterTarget;
}

/**
 * Filters catalogue layers on the map (no refetch): sets on every style layer of a catalogue layer
 * its own filter `all`-ed with that layer's expression, now, whenever either changes and after a
 * style swap, until the calling scope is disposed.
 */
export function useLayerFilters(options: UseLayerFiltersOptions): void {
  const map = options.map ?? injectMap();

  function apply(): void {
    const layers = toValue(options.style)?.layers ?? [];
    const own = new Map(layers.map((l) => [l.id, 'filter' in l ? l.filter : undefined]));
    // a style layer may name the filter it uses while its layer is filtered (a clustered layer shows points then)
    const whileFiltered = new Map(layers.map((l) => [l.id, (l.metadata as Record<string, unknown> | undefined)?.[FILTERED_METADATA_KEY] as FilterSpecification | undefined]));
    const expressions = toValue(options.expressions);
    for (const id of map.getLayersOrder()) {
      const layer = map.getLayer(id);
      const catalogueId = layer && catalogueLayerOf(layer);
      if (!catalogueId || !own.has(id)) continue;
      const extra = expressions[catalogueId];
      const base = (extra && whileFiltered.get(id)) || own.get(id);
      const next = extra ? (base ? ['all', base as ExpressionSpecification, extra] as FilterSpecification : extra) : base ?? null;
      if (JSON.stringify(map.getFilter(id) ?? null) !== JSON.stringify(next)) map.setFilter(id, next);
    }
  }

  watch([() => toValue(options.style), () => toValue(options.expressions)], apply, { immediate: true, deep: true });
  map.on('styledata', apply);
  onScopeDispose(() => map.off('styledata', apply));
}
