import type { FeatureCollection } from 'geojson';
import type { CircleLayerSpecification, FillLayerSpecification, GeoJSONSource, LineLayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';

/** A style layer of an overlay; its source is the overlay's own. */
export type OverlayLayer = Omit<FillLayerSpecification, 'source'> | Omit<LineLayerSpecification, 'source'> | Omit<CircleLayerSpecification, 'source'>;

/** Options of `useOverlay`. */
export interface UseOverlayOptions {
  map: Pick<MaplibreMap, 'getSource' | 'addSource' | 'getLayer' | 'addLayer' | 'removeLayer' | 'removeSource' | 'on' | 'off' | 'style'>;
  /** Id of the overlay's GeoJSON source (unique per map). */
  source: string;
  /** What to draw; nothing (and no layers) while null. */
  data: MaybeRefOrGetter<FeatureCollection | null>;
  /** The layers drawing the source, bottom first; added on top of the map. */
  layers: readonly OverlayLayer[];
}

/**
 * Draws analysis results on top of the map from a GeoJSON source: follows the data, takes its
 * layers off while the data is null, puts them back after a style swap and removes them and the
 * source when the calling scope ends (e.g. the panel closes).
 */
export function useOverlay(options: UseOverlayOptions): void {
  const { map, source } = options;

  function remove(): void {
    if (!map.style) return;
    for (const layer of [...options.layers].reverse()) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    if (map.getSource(source)) map.removeSource(source);
  }

  function draw(): void {
    const data = toValue(options.data);
    if (!data) {
      remove();
      return;
    }
    const existing = map.getSource<GeoJSONSource>(source);
    if (existing) existing.setData(data);
    else map.addSource(source, { type: 'geojson', data });
    for (const layer of options.layers) if (!map.getLayer(layer.id)) map.addLayer({ ...layer, source } as Parameters<MaplibreMap['addLayer']>[0]);
  }

  function onStyleData(): void {
    if (toValue(options.data) && options.layers.some((layer) => !map.getLayer(layer.id))) draw();
  }

  watch(() => toValue(options.data), draw, { immediate: true });
  map.on('styledata', onStyleData);
  onScopeDispose(() => {
    map.off('styledata', onStyleData);
    remove();
  });
}
