import type { Feature } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { LayerInfo } from '@shared/layers';
import { browserFetch, type FetchLike } from '../../api/http';
import type { AppLocale } from '../../i18n/locale';
import { injectMap } from '../../maplibre/context';
import { fetchFeature } from './api';
import { clickableLayerIds, pickHit } from './featureHits';
import { buildFeaturePopup } from './featurePopup';
import type { FormatLabels } from './propertyFormat';

/** Options of `useFeaturePopup`. */
export interface UseFeaturePopupOptions {
  /** The catalogue, to title and format the clicked feature. */
  layers: MaybeRefOrGetter<readonly LayerInfo[]>;
  locale: MaybeRefOrGetter<AppLocale>;
  labels: MaybeRefOrGetter<FormatLabels>;
  /** Pixels around the pointer that count as a hit, for fingers and thin lines. */
  tolerance?: number;
  /** Injected in tests; the browser's fetch otherwise. */
  fetch?: FetchLike;
  /** Loads the full feature (e.g. through a shared cache); a plain OGC API request by default. */
  loadFeature?: (layerId: string, featureId: string | number, signal: AbortSignal) => Promise<Feature>;
  /** Whether clicks open popups now (off e.g. while drawing); on by default. */
  active?: MaybeRefOrGetter<boolean>;
  /** Whether a click also opens the popup (off e.g. on phones, where the details sheet shows the feature); on by default. */
  showPopup?: MaybeRefOrGetter<boolean>;
  /** Called with the clicked feature of a catalogue layer (not an aggregate), e.g. to open a details panel. */
  onSelect?: (layerId: string, featureId: string | number) => void;
}

/** Zoom levels a click on an aggregate of points zooms in by. */
const AGGREGATE_ZOOM_STEP = 2;

/**
 * Opens a popup on the clicked feature of a visible layer: its tile properties at once, then
 * every property once the full feature has come from the OGC API. A click on an aggregate of
 * points zooms in instead. Shows a pointer over clickable features.
 */
export function useFeaturePopup(options: UseFeaturePopupOptions): void {
  const map = injectMap();
  const tolerance = options.tolerance ?? 6;
  const fetch = options.fetch ?? browserFetch;
  const loadFeature = options.loadFeature ?? ((layerId: string, featureId: string | number, signal: AbortSignal) => fetchFeature(layerId, featureId, fetch, signal));
  const popup = new maplibregl.Popup({ maxWidth: '320px', focusAfterOpen: true, className: 'qingbo-popup' });
  let shown: { layer: LayerInfo; properties: Record<string, unknown> } | undefined;
  let request: AbortController | undefined;

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

  function render(): void {
    if (!shown) return;
    popup.setDOMContent(buildFeaturePopup({ ...shown, locale: toValue(options.locale), labels: toValue(options.labels) }));
  }

  function loadFullFeature(layer: LayerInfo, featureId: string | number): void {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    const opened = shown;
    loadFeature(layer.id, featureId, controller.signal)
      .then((feature) => {
        if (shown !== opened || !opened) return;
        shown = { layer, properties: { ...opened.properties, ...feature.properties } };
        render();
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        console.warn(`feature ${layer.id}/${featureId}: keeping the tile properties, the full feature failed to load:`, e);
      });
  }

  function onClick(event: maplibregl.MapMouseEvent): void {
    if (toValue(options.active ?? true) === false) return;
    const hit = hitAt(event.point);
    const layer = hit && toValue(options.layers).find((l) => l.id === hit.layerId);
    if (!hit || !layer) {
      popup.remove();
      return;
    }
    if (hit.kind === 'aggregate') {
      popup.remove();
      const geometry = hit.feature.geometry;
      const center = geometry.type === 'Point' ? (geometry.coordinates as [number, number]) : event.lngLat;
      map.easeTo({ center, zoom: map.getZoom() + AGGREGATE_ZOOM_STEP });
      return;
    }
    if (toValue(options.showPopup ?? true) === false) {
      popup.remove();
      if (hit.feature.id !== undefined) options.onSelect?.(layer.id, hit.feature.id);
      return;
    }
    shown = { layer, properties: { ...hit.feature.properties } };
    render();
    popup.setLngLat(event.lngLat).addTo(map);
    if (hit.feature.id === undefined) return;
    loadFullFeature(layer, hit.feature.id);
    options.onSelect?.(layer.id, hit.feature.id);
  }

  function onMove(event: maplibregl.MapMouseEvent): void {
    if (toValue(options.active ?? true) === false) return;
    map.getCanvas().style.cursor = hitAt(event.point) ? 'pointer' : '';
  }

  map.on('click', onClick);
  map.on('mousemove', onMove);
  popup.on('close', () => {
    shown = undefined;
    request?.abort();
  });
  watch([() => toValue(options.locale), () => toValue(options.labels)], render);

  onScopeDispose(() => {
    map.off('click', onClick);
    map.off('mousemove', onMove);
    request?.abort();
    popup.remove();
  });
}
