import type { Map as MaplibreMap, StyleSpecification, VectorTileSource } from 'maplibre-gl';
import { catalogueLayerOf } from './styleMetadata';

/**
 * Makes the map show a layer's edits at once: re-fetches the TileJSON of every vector source
 * drawing the layer (`setUrl`), whose tile URLs carry the layer version the write bumped.
 */
export function reloadLayerSources(map: Pick<MaplibreMap, 'getSource'>, style: Pick<StyleSpecification, 'layers' | 'sources'> | null, layerId: string): void {
  const sources = new Set((style?.layers ?? []).filter((l) => catalogueLayerOf(l) === layerId && 'source' in l).map((l) => (l as { source: string }).source));
  for (const id of sources) {
    const spec = style?.sources[id];
    const source = map.getSource<VectorTileSource>(id);
    if (spec?.type === 'vector' && spec.url && source && typeof source.setUrl === 'function') source.setUrl(spec.url);
  }
}
