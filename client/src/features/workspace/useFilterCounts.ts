import { ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import type { FeatureCache } from './featureCache';
import { activeConditions, matchesFilter, type LayerFilters } from './filters';

/**
 * The number of features matching each filtered layer's filter, counted in the layers' OGC
 * features (fetched once per layer through the cache). Layers without an active filter are absent.
 */
export function useFilterCounts(options: { filters: MaybeRefOrGetter<LayerFilters>; cache: FeatureCache }): Ref<Record<string, number>> {
  const counts = ref<Record<string, number>>({});
  let generation = 0;

  // recounted when a filter changes and when a filtered layer's features change (an edit, a live update)
  const watched = () => {
    const filters = toValue(options.filters);
    return { filters, revisions: Object.keys(filters).map((id) => options.cache.revision(id)) };
  };
  watch(watched, async ({ filters }) => {
    const asked = ++generation;
    const filtered = Object.entries(filters).filter(([, filter]) => activeConditions(filter).length > 0);
    const entries = await Promise.all(filtered.map(async ([layerId, filter]) => {
      try {
        const collection = await options.cache.collection(layerId);
        return [[layerId, collection.features.filter((f) => matchesFilter(f.properties, filter)).length] as const];
      } catch (e) {
        console.warn(`filter counts of ${layerId}: the features failed to load:`, e);
        return [];
      }
    }));
    if (asked === generation) counts.value = Object.fromEntries(entries.flat());
  }, { immediate: true, deep: true });

  return counts;
}
