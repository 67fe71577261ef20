import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { LayerInfo } from '@contracts/layers';
import type { FetchLike } from '../api/http';
import { fetchFeatures } from '../features/layers/api';
import { withLabelPoints } from './labelPoints';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Adds a catalogue layer's source (id = layer id), empty until `loadLayerSource` fills it.
 * The one place sources are created, so switching to vector tiles changes only this module.
 */
export function addLayerSource(map: MaplibreMap, layer: Pick<LayerInfo, 'id'>): void {
  if (map.getSource(layer.id)) return;
  map.addSource(layer.id, { type: 'geojson', data: EMPTY });
}

/**
 * Fetches a layer's features (adding label points to labelled polygon layers) and resolves once
 * the map's worker has indexed them.
 */
export async function loadLayerSource(
  map: MaplibreMap,
  layer: Pick<LayerInfo, 'id' | 'geometryType' | 'labelProperty'>,
  options: { fetch: FetchLike; signal?: AbortSignal },
): Promise<number> {
  const collection = await fetchFeatures(layer.id, options.fetch, options.signal);
  const source = map.getSource<GeoJSONSource>(layer.id);
  if (!source || options.signal?.aborted) return 0;
  await source.setData(layer.geometryType === 'Polygon' && layer.labelProperty ? withLabelPoints(collection) : collection);
  return collection.features.length;
}

/** Removes a layer's source if the map still has it. */
export function removeLayerSource(map: MaplibreMap, layer: Pick<LayerInfo, 'id'>): void {
  if (map.getSource(layer.id)) map.removeSource(layer.id);
}
