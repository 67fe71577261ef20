import type { Map as MaplibreMap } from 'maplibre-gl';
import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import type { LayerInfo } from '@contracts/layers';
import { browserFetch, type FetchLike } from '../api/http';
import type { AppLocale } from '../i18n/locale';
import { GEOMETRY_SLOT, LABEL_SLOT } from './baseStyle';
import { injectMap } from './context';
import { addLayerSource, loadLayerSource, removeLayerSource } from './layerSource';
import { buildLayerSpecs, labelExpression, mapLayerIds } from './layerSpecs';

/** Options of `useGeoJsonLayer`. */
export interface UseGeoJsonLayerOptions {
  /** The catalogue entry to draw. */
  layer: LayerInfo;
  /** Whether the layer is shown. */
  visible: MaybeRefOrGetter<boolean>;
  /** Locale of the labels. */
  locale: MaybeRefOrGetter<AppLocale>;
  /** Injected in tests; the browser's fetch otherwise. */
  fetch?: FetchLike;
  /** The map to draw on; the surrounding `MapView`'s by default. */
  map?: MaplibreMap;
}

/** Progress of a layer's data, for the panel and the readiness signal. */
export interface UseGeoJsonLayerResult {
  status: Ref<'loading' | 'ready' | 'error'>;
  error: Ref<string | null>;
  /** The MapLibre layer ids this layer added, bottom first. */
  layerIds: string[];
}

/**
 * Draws one catalogue layer: adds its source and MapLibre layers (into the geometry and label
 * slots of the base style), loads its features, follows visibility and label locale, and removes
 * everything when the calling scope is disposed.
 */
export function useGeoJsonLayer(options: UseGeoJsonLayerOptions): UseGeoJsonLayerResult {
  const map = options.map ?? injectMap();
  const { layer } = options;
  const status = ref<'loading' | 'ready' | 'error'>('loading');
  const error = ref<string | null>(null);
  const controller = new AbortController();

  addLayerSource(map, layer);
  const placed = buildLayerSpecs(layer, toValue(options.locale));
  for (const { slot, spec } of placed) {
    map.addLayer(spec, slot === 'label' ? LABEL_SLOT : GEOMETRY_SLOT);
  }
  const layerIds = placed.map((p) => p.spec.id);

  watch(() => toValue(options.visible), (visible) => {
    for (const id of layerIds) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }, { immediate: true });

  const labelId = mapLayerIds(layer.id).label;
  watch(() => toValue(options.locale), (locale) => {
    if (map.getLayer(labelId)) map.setLayoutProperty(labelId, 'text-field', labelExpression(layer, locale));
  });

  loadLayerSource(map, layer, { fetch: options.fetch ?? browserFetch, signal: controller.signal })
    .then(() => {
      status.value = 'ready';
    })
    .catch((e: unknown) => {
      if (controller.signal.aborted) return;
      status.value = 'error';
      error.value = e instanceof Error ? e.message : String(e);
      console.warn(`layer "${layer.id}" failed to load: ${error.value}`);
    });

  onScopeDispose(() => {
    controller.abort();
    if (!map.style) return;
    for (const id of [...layerIds].reverse()) {
      if (map.getLayer(id)) map.removeLayer(id);
    }
    removeLayerSource(map, layer);
  });

  return { status, error, layerIds };
}
