import * as maplibregl from 'maplibre-gl';
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { LayerInfo } from '@contracts/layers';
import type { AppLocale } from '../../i18n/locale';
import { injectMap } from '../../map/context';
import { mapLayerIds } from '../../map/layerSpecs';
import { buildFeaturePopup } from './featurePopup';
import type { FormatLabels } from './propertyFormat';

/** Options of `useFeaturePopup`. */
export interface UseFeaturePopupOptions {
  /** Layers whose features can be clicked (the visible ones). */
  layers: MaybeRefOrGetter<readonly LayerInfo[]>;
  locale: MaybeRefOrGetter<AppLocale>;
  labels: MaybeRefOrGetter<FormatLabels>;
  /** Pixels around the pointer that count as a hit, for fingers and thin lines. */
  tolerance?: number;
}

const TYPE_RANK: Record<string, number> = { circle: 0, line: 1, fill: 2 };

/** Opens a popup listing a feature's properties when it is clicked; shows a pointer over features. */
export function useFeaturePopup(options: UseFeaturePopupOptions): void {
  const map = injectMap();
  const tolerance = options.tolerance ?? 6;
  const popup = new maplibregl.Popup({ maxWidth: '320px', focusAfterOpen: true, className: 'qingbo-popup' });
  let shown: { layer: LayerInfo; properties: Record<string, unknown> } | undefined;

  function queryableIds(): string[] {
    return toValue(options.layers)
      .flatMap((l) => { const ids = mapLayerIds(l.id); return [ids.circle, ids.line, ids.fill]; })
      .filter((id) => map.getLayer(id) !== undefined);
  }

  function hitAt(point: maplibregl.Point): maplibregl.MapGeoJSONFeature | undefined {
    const layers = queryableIds();
    if (layers.length === 0) return undefined;
    const box: [maplibregl.PointLike, maplibregl.PointLike] = [
      [point.x - tolerance, point.y - tolerance],
      [point.x + tolerance, point.y + tolerance],
    ];
    const hits = map.queryRenderedFeatures(box, { layers });
    return hits
      .map((feature, order) => ({ feature, order, rank: TYPE_RANK[feature.layer.type] ?? 3 }))
      .sort((a, b) => a.rank - b.rank || a.order - b.order)[0]?.feature;
  }

  function render(): void {
    if (!shown) return;
    popup.setDOMContent(buildFeaturePopup({ ...shown, locale: toValue(options.locale), labels: toValue(options.labels) }));
  }

  function onClick(event: maplibregl.MapMouseEvent): void {
    const feature = hitAt(event.point);
    const layer = feature && toValue(options.layers).find((l) => l.id === feature.source);
    if (!feature || !layer) {
      popup.remove();
      return;
    }
    shown = { layer, properties: { ...feature.properties } };
    render();
    popup.setLngLat(event.lngLat).addTo(map);
  }

  function onMove(event: maplibregl.MapMouseEvent): void {
    map.getCanvas().style.cursor = hitAt(event.point) ? 'pointer' : '';
  }

  map.on('click', onClick);
  map.on('mousemove', onMove);
  popup.on('close', () => {
    shown = undefined;
  });
  watch([() => toValue(options.locale), () => toValue(options.labels)], render);

  onScopeDispose(() => {
    map.off('click', onClick);
    map.off('mousemove', onMove);
    popup.remove();
  });
}
