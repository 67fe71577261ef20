import type { Feature } from 'geojson';
import { ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import type { FeatureCache, Selection } from '../workspace';
import { anchorOf, areaContaining, featuresWithin } from './locate';

/** The catalogue layers a feature is located in, and the one its related features come from. */
export const COMMUNITY_LAYER = 'communities';
export const GRID_LAYER = 'grid-cells';
export const RELATED_LAYER = 'garbage-rooms';

/** What the details panel shows of the selected feature. */
export interface FeatureDetails {
  feature: Feature;
  community?: Feature;
  grid?: Feature;
  /** Garbage rooms inside the feature's community (the feature itself left out). */
  related: Feature[];
}

/** What `useFeatureDetails` returns. */
export interface UseFeatureDetailsReturn {
  details: Ref<FeatureDetails | null>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
}

/**
 * Loads the selected feature with all its properties, then locates it in its community and grid
 * cell (point-in-polygon on the client) and finds the garbage rooms of that community. Loads it
 * again, keeping what it shows meanwhile, when the feature cache forgets the feature's layer.
 */
export function useFeatureDetails(options: { selection: MaybeRefOrGetter<Selection | null>; cache: FeatureCache }): UseFeatureDetailsReturn {
  const details = ref<FeatureDetails | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;

  async function load(selection: Selection): Promise<FeatureDetails> {
    const { cache } = options;
    const [feature, communities, grids, rooms] = await Promise.all([
      cache.feature(selection.layerId, selection.featureId),
      cache.collection(COMMUNITY_LAYER),
      cache.collection(GRID_LAYER),
      cache.collection(RELATED_LAYER),
    ]);
    const anchor = anchorOf(feature);
    const community = anchor && areaContaining(anchor, communities);
    const grid = anchor && areaContaining(anchor, grids);
    const except = selection.layerId === RELATED_LAYER ? selection.featureId : undefined;
    return { feature, community, grid, related: community ? featuresWithin(community, rooms, except) : [] };
  }

  function show(selection: Selection | null, quiet: boolean): void {
    const asked = ++generation;
    if (!quiet) {
      details.value = null;
      error.value = null;
      loading.value = selection !== null;
    }
    if (!selection) return;
    load(selection)
      .then((next) => {
        if (asked !== generation) return;
        details.value = next;
        error.value = null;
      })
      .catch((e: unknown) => {
        if (asked === generation) error.value = e instanceof Error ? e.message : String(e);
      })
      .finally(() => {
        if (asked === generation) loading.value = false;
      });
  }

  watch(() => toValue(options.selection), (selection) => show(selection, false), { immediate: true, deep: true });
  // a write to the selected feature's layer (here or by anyone, seen live) reloads it in place, without a flash
  watch(() => {
    const selection = toValue(options.selection);
    return selection ? options.cache.revision(selection.layerId) : 0;
  }, () => show(toValue(options.selection), true));

  return { details, loading, error };
}
