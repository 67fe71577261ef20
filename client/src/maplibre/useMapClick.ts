import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { onScopeDispose } from 'vue';
import { injectMap } from './context';

/** Options of `useMapClick`. */
export interface UseMapClickOptions {
  /** Called with the clicked (or tapped) position. */
  onClick: (lngLat: [number, number]) => void;
  /** The map; the surrounding `MapView`'s by default. */
  map?: MaplibreMap;
}

/** Calls `onClick` with [lon, lat] on every click or tap on the map, until the scope is disposed. */
export function useMapClick(options: UseMapClickOptions): void {
  const map = options.map ?? injectMap();
  const handler = (event: MapMouseEvent) => options.onClick([event.lngLat.lng, event.lngLat.lat]);
  map.on('click', handler);
  map.getCanvas().style.cursor = 'crosshair';
  onScopeDispose(() => {
    map.off('click', handler);
    map.getCanvas().style.cursor = '';
  });
}
