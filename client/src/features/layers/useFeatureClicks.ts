import * as maplibregl from 'maplibre-gl';
import { onScopeDispose, toValue, type MaybeRefOrGetter } from 'vue';
import type { LayerInfo } from '@shared/layers';
import { injectMap } from '../../maplibre/context';
import { clickableLayerIds, pickHit } from './featureHits';

/** Options of `useFeatureClicks`. */
export interface UseFeatureClicksOptions {
  /** The catalogue: only its layers' features are picked. */
  layers: MaybeRefOrGetter<readonly LayerInfo[]>;
  /** Pixels around the pointer that count as a hit, for fingers and thin lines. */
  tolerance?: number;
  /** Whether clicks pick features now (off e.g. while drawing); on by default. */
  active?: MaybeRefOrGetter<boolean>;
  /** Called with the clicked feature of a catalogue layer (not a cluster): the details panel shows it. */
  onSelect: (layerId: string, featureId: string | number) => void;
  /** Called when a click hits no feature. */
  onMiss?: () => void;
}

/** Zoom levels a click on a cluster of points zooms in by. */
const CLUSTER_ZOOM_STEP = 2;

/**
 * Picks the clicked feature of a visible layer and hands it to `onSelect` (one place shows a
 * feature's details: the details panel, not a popup over the map). A click on a cluster of
 * points zooms in on it instead. Shows a pointer over clickable features.
 */
export function useFeatureClicks(options: UseFeatureClicksOptions): void {
  const map = injectMap();
  const tolerance = options.tolerance ?? 6;

  function hitAt(point: maplibregl.Point) {
    const styleLayers = map.getLayersOrder().flatMap((id) => map.getLayer(id) ?? []);
    const layers = clickableLayerIds(styleLayers);
    if (layers.length === 0) return undefined;
    const box: [maplibregl.PointLike, maplibregl.PointLike] = [
      [point.x - tolerance, point.y - tolerance],
      [point.x + tolerance, point.y + tolerance],
    ];
    return pickHit(map.queryRenderedFeatures(box, { layers }));
  }

  function onClick(event: maplibregl.MapMouseEvent): void {
    if (toValue(options.active ?? true) === false) return;
    const hit = hitAt(event.point);
    const layer = hit && toValue(options.layers).find((l) => l.id === hit.layerId);
    if (!hit || !layer) {
      options.onMiss?.();
      return;
    }
    if (hit.kind === 'aggregate') {
      const geometry = hit.feature.geometry;
      const center = geometry.type === 'Point' ? (geometry.coordinates as [number, number]) : event.lngLat;
      map.easeTo({ center, zoom: map.getZoom() + CLUSTER_ZOOM_STEP });
      return;
    }
    if (hit.feature.id !== undefined) options.onSelect(layer.id, hit.feature.id);
  }

  function onMove(event: maplibregl.MapMouseEvent): void {
    if (toValue(options.active ?? true) === false) return;
    map.getCanvas().style.cursor = hitAt(event.point) ? 'pointer' : '';
  }

  map.on('click', onClick);
  map.on('mousemove', onMove);
  onScopeDispose(() => {
    map.off('click', onClick);
    map.off('mousemove', onMove);
  });
}
