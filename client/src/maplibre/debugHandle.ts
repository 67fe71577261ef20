import type { Map as MaplibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** Read-only handle on the live map, for browser tests and console debugging. */
    readonly __qingboMap?: MaplibreMap;
  }
}

/** Exposes the map as `window.__qingboMap` (read-only); returns the function that withdraws it. */
export function exposeMap(map: MaplibreMap, target: Window = window): () => void {
  Object.defineProperty(target, '__qingboMap', { value: map, configurable: true, enumerable: false, writable: false });
  return () => {
    if (target.__qingboMap === map) Reflect.deleteProperty(target, '__qingboMap');
  };
}
