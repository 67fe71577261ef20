import type { StyleSpecification } from 'maplibre-gl';
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { injectMap } from './context';
import { opacityProperties, scaleOpacity, type OpacityProperty } from './opacity';
import { catalogueLayerOf } from './styleMetadata';

/** The map methods `useLayerOpacity` calls; a MapLibre map has them. */
export interface OpacityTarget {
  getLayer(id: string): unknown;
  getPaintProperty(id: string, name: OpacityProperty): unknown;
  setPaintProperty(id: string, name: OpacityProperty, value: never): unknown;
  on(type: 'styledata', listener: () => void): unknown;
  off(type: 'styledata', listener: () => void): unknown;
}

/** Options of `useLayerOpacity`. */
export interface UseLayerOpacityOptions {
  /** The style as served: its own opacity values are the ones scaled. */
  style: MaybeRefOrGetter<Pick<StyleSpecification, 'layers'> | null>;
  /** Opacity factor (0…1) per catalogue layer id; layers missing from it are drawn as served. */
  opacity: MaybeRefOrGetter<Readonly<Record<string, number>>>;
  /** The map to act on; the surrounding `MapView`'s by default. */
  map?: OpacityTarget;
}

/**
 * Fades catalogue layers: sets every opacity paint property of each of a catalogue layer's style
 * layers to the served value times that layer's factor, now, whenever either changes and after a
 * style swap, until the calling scope is disposed.
 */
export function useLayerOpacity(options: UseLayerOpacityOptions): void {
  const map = options.map ?? injectMap();

  function apply(): void {
    const opacity = toValue(options.opacity);
    for (const spec of toValue(options.style)?.layers ?? []) {
      const catalogueId = catalogueLayerOf(spec);
      if (!catalogueId || !map.getLayer(spec.id)) continue;
      const factor = opacity[catalogueId] ?? 1;
      const served = (spec as { paint?: Record<string, unknown> }).paint ?? {};
      for (const name of opacityProperties(spec.type)) {
        const next = scaleOpacity(served[name], factor);
        if (JSON.stringify(map.getPaintProperty(spec.id, name)) !== JSON.stringify(next)) map.setPaintProperty(spec.id, name, next as never);
      }
    }
  }

  watch([() => toValue(options.style), () => ({ ...toValue(options.opacity) })], apply, { immediate: true });
  map.on('styledata', apply);
  onScopeDispose(() => map.off('styledata', apply));
}
