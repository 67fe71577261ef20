import type { Feature } from 'geojson';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import type { FeatureCache } from './featureCache';
import { HIGHLIGHT_SOURCE, highlightData, highlightLayers } from './selectionHighlight';
import type { Selection } from './urlState';

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
 * Draws the selected feature over every other layer from its full geometry (a GeoJSON source,
 * so tile boundaries do not split it), follows the selection, clears on deselect, adds itself
 * again after a style swap and removes itself on scope dispose.
 */
export function useSelectionHighlight(options: UseSelectionHighlightOptions): UseSelectionHighlightReturn {
  const { map } = options;
  const feature = ref<Feature | null>(null);
  const error = ref<string | null>(null);
  const layers = highlightLayers();
  let generation = 0;

  function shown(): Feature | null {
    return toValue(options.active) === false ? null : feature.value;
  }

  function draw(): void {
    const data = highlightData(shown());
    const source = map.getSource<GeoJSONSource>(HIGHLIGHT_SOURCE);
    if (source) source.setData(data);
    else map.addSource(HIGHLIGHT_SOURCE, { type: 'geojson', data });
    for (const layer of layers) if (!map.getLayer(layer.id)) map.addLayer(layer);
  }

  /** A style swap drops the overlay; 'styledata' only fires once the new style's JSON has loaded, so it can go back at once. */
  function onStyleData(): void {
    if (layers.some((layer) => !map.getLayer(layer.id))) draw();
  }

  watch(() => toValue(options.selection), (selection) => {
    const asked = ++generation;
    feature.value = null;
    error.value = null;
    draw();
    if (!selection) return;
    options.cache.feature(selection.layerId, selection.featureId)
      .then((loaded) => {
        if (asked === generation) feature.value = loaded;
      })
      .catch((e: unknown) => {
        if (asked === generation) error.value = e instanceof Error ? e.message : String(e);
      });
  }, { immediate: true });
  watch([feature, () => toValue(options.active)], draw);
  map.on('styledata', onStyleData);

  onScopeDispose(() => {
    generation++;
    map.off('styledata', onStyleData);
    if (!map.style) return;
    for (const layer of [...layers].reverse()) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    if (map.getSource(HIGHLIGHT_SOURCE)) map.removeSource(HIGHLIGHT_SOURCE);
  });

  return { feature, error };
}
