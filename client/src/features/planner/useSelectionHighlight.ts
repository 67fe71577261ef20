import type { Feature } from 'geojson';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import { useOverlay } from '../../maplibre/useOverlay';
import type { FeatureCache, Selection } from '../workspace';
import { HIGHLIGHT_SOURCE, highlightData, highlightLayers } from './selectionHighlight';

/** The part of the MapLibre map the highlight uses. */
export type HighlightTarget = Pick<MaplibreMap, 'getSource' | 'addSource' | 'getLayer' | 'addLayer' | 'removeLayer' | 'removeSource' | 'on' | 'off' | 'style'>;

/** Options of `useSelectionHighlight`. */
export interface UseSelectionHighlightOptions {
  map: HighlightTarget;
  /** The selected feature; a new object (even for the same feature) loads it again. */
  selection: MaybeRefOrGetter<Selection | null>;
  cache: Pick<FeatureCache, 'feature'>;
  /** Whether to draw the highlight (e.g. not while the feature is being edited); drawn by default. */
  active?: MaybeRefOrGetter<boolean>;
}

/** What `useSelectionHighlight` returns. */
export interface UseSelectionHighlightReturn {
  /** The highlighted feature, once loaded. */
  feature: Ref<Feature | null>;
  /** Why the selected feature could not be loaded, if it could not. */
  error: Ref<string | null>;
}

/**
 * Draws the selected feature over every other layer from its full geometry (a GeoJSON overlay,
 * so tile boundaries do not split it), follows the selection and clears on deselect; the
 * overlay comes back after a style swap and goes when the scope ends.
 */
export function useSelectionHighlight(options: UseSelectionHighlightOptions): UseSelectionHighlightReturn {
  const { map } = options;
  const feature = ref<Feature | null>(null);
  const error = ref<string | null>(null);
  let generation = 0;

  useOverlay({
    map,
    source: HIGHLIGHT_SOURCE,
    layers: highlightLayers(),
    data: () => highlightData(toValue(options.active) === false ? null : feature.value),
  });

  watch(() => toValue(options.selection), (selection) => {
    const asked = ++generation;
    feature.value = null;
    error.value = null;
    if (!selection) return;
    options.cache.feature(selection.layerId, selection.featureId)
      .then((loaded) => {
        if (asked === generation) feature.value = loaded;
      })
      .catch((e: unknown) => {
        if (asked === generation) error.value = e instanceof Error ? e.message : String(e);
      });
  }, { immediate: true });
  onScopeDispose(() => {
    generation++;
  });

  return { feature, error };
}
