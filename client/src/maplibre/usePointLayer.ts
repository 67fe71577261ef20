import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { injectMap } from './context';

/** Options of `usePointLayer`. */
export interface UsePointLayerOptions {
  /** Source and layer id prefix (unique per map). */
  id: string;
  /** The point to show, [lon, lat]; none when null. */
  point: MaybeRefOrGetter<[number, number] | null>;
  /** Fill colour of the marker. */
  color?: string;
  /** The map; the surrounding `MapView`'s by default. */
  map?: MaplibreMap;
}

function data(point: [number, number] | null): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features: point ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties: {} }] : [] };
}

/**
 * Draws one point as a marker (a GeoJSON source and a circle layer on top), follows the point
 * as it changes, adds itself again after a style swap and removes itself on scope dispose.
 */
export function usePointLayer(options: UsePointLayerOptions): void {
  const map = options.map ?? injectMap();
  const sourceId = `${options.id}-source`;
  const layerId = `${options.id}-circle`;

  function ensure(): void {
    const point = toValue(options.point);
    const source = map.getSource(sourceId) as GeoJSONSource | undefined;
    if (source) source.setData(data(point));
    else map.addSource(sourceId, { type: 'geojson', data: data(point) });
    if (map.getLayer(layerId)) return;
    map.addLayer({
      id: layerId, type: 'circle', source: sourceId,
      paint: { 'circle-radius': 9, 'circle-color': options.color ?? '#d62728', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    });
  }

  const onStyleData = () => {
    if (map.isStyleLoaded() && !map.getLayer(layerId)) ensure();
  };

  ensure();
  map.on('styledata', onStyleData);
  watch(() => toValue(options.point), ensure);

  onScopeDispose(() => {
    map.off('styledata', onStyleData);
    if (!map.style) return;
    if (map.getLayer(layerId)) map.removeLayer(layerId);
    if (map.getSource(sourceId)) map.removeSource(sourceId);
  });
}
