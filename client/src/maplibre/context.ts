import type { Map as MaplibreMap } from 'maplibre-gl';
import { inject, type InjectionKey, type ShallowRef } from 'vue';

/** What `MapView` provides to the components inside it. */
export interface MapContext {
  /** The map; set once it exists, cleared when it is removed. */
  map: ShallowRef<MaplibreMap | undefined>;
}

/** Injection key of the surrounding `MapView`'s context. */
export const MAP_CONTEXT: InjectionKey<MapContext> = Symbol('qingbo-map');

/**
 * The map of the surrounding `MapView`. Its slot renders only once the style has loaded, so
 * components inside it always get a live map.
 * @throws Error when called outside a `MapView` or before its map exists.
 */
export function injectMap(): MaplibreMap {
  const context = inject(MAP_CONTEXT, undefined);
  const map = context?.map.value;
  if (!map) throw new Error('injectMap() must be used inside a loaded <MapView>');
  return map;
}

/**
 * Name of the `performance.mark` a `MapView` sets when its map first goes idle with every tile in view drawn
 * (once per page load): time-to-map benchmarks read it.
 */
export const MAP_READY_MARK = 'qingbo:map-ready';
