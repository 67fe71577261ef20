import { toValue, watch, type MaybeRefOrGetter } from 'vue';
import { injectMap } from './context';
import { catalogueLayerOf, type TaggedLayer } from './styleMetadata';

/** The map methods `useLayerVisibility` calls; a MapLibre map has them. */
export interface VisibilityTarget {
  getLayersOrder(): string[];
  getLayer(id: string): TaggedLayer | undefined;
  getLayoutProperty(id: string, name: 'visibility'): unknown;
  setLayoutProperty(id: string, name: 'visibility', value: 'visible' | 'none'): unknown;
}

/** Options of `useLayerVisibility`. */
export interface UseLayerVisibilityOptions {
  /** Visibility per catalogue layer id; layers missing from it are left as the style has them. */
  visibility: MaybeRefOrGetter<Readonly<Record<string, boolean>>>;
  /** The map to act on; the surrounding `MapView`'s by default. */
  map?: VisibilityTarget;
}

/**
 * Shows and hides catalogue layers: sets `visibility` on every style layer whose
 * `metadata['qingbo:layer']` is that layer, now and whenever `visibility` changes, until the
 * calling scope is disposed.
 */
export function useLayerVisibility(options: UseLayerVisibilityOptions): void {
  const map = options.map ?? injectMap();

  function apply(visibility: Readonly<Record<string, boolean>>): void {
    for (const id of map.getLayersOrder()) {
      const layer = map.getLayer(id);
      const catalogueId = layer && catalogueLayerOf(layer);
      if (!catalogueId || !(catalogueId in visibility)) continue;
      const next = visibility[catalogueId] ? 'visible' : 'none';
      if ((map.getLayoutProperty(id, 'visibility') ?? 'visible') !== next) map.setLayoutProperty(id, 'visibility', next);
    }
  }

  watch(() => ({ ...toValue(options.visibility) }), apply, { immediate: true });
}
