import type { LayerInfo } from '@shared/layers';
import type { StyleSpecification } from 'maplibre-gl';
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { injectMap } from '../../maplibre/context';
import { catalogueLayerOf, GEOMETRY_ROLES, roleOf } from '../../maplibre/styleMetadata';
import { asOfStatusExpression, hasStatusHint, replaceGet, type StatusTemporal } from './asOf';

type ColorProperty = 'line-color' | 'fill-color' | 'circle-color';

/** The map methods `useAsOfColors` calls; a MapLibre map has them. */
export interface PaintTarget {
  getLayer(id: string): unknown;
  getPaintProperty(id: string, name: ColorProperty): unknown;
  setPaintProperty(id: string, name: ColorProperty, value: never): unknown;
  on(type: 'styledata', listener: () => void): unknown;
  off(type: 'styledata', listener: () => void): unknown;
}

/** Options of `useAsOfColors`. */
export interface UseAsOfColorsOptions {
  /** The style as served: its status colours are the ones re-keyed. */
  style: MaybeRefOrGetter<Pick<StyleSpecification, 'layers'> | null>;
  layers: MaybeRefOrGetter<readonly Pick<LayerInfo, 'id' | 'temporal'>[]>;
  /** The slider's date, or null for the stored statuses. */
  date: MaybeRefOrGetter<string | null>;
  map?: PaintTarget;
}

/**
 * Draws layers with a status hint in the colour of each feature's status as of the slider's date:
 * the served colour expression with its status input replaced by the as-of expression; the
 * served colour again when the slider is off. Re-applied after a style swap.
 */
export function useAsOfColors(options: UseAsOfColorsOptions): void {
  const map = options.map ?? injectMap();

  function apply(): void {
    const date = toValue(options.date);
    const hinted = new Map<string, StatusTemporal>();
    for (const layer of toValue(options.layers)) if (hasStatusHint(layer)) hinted.set(layer.id, layer.temporal);
    for (const spec of toValue(options.style)?.layers ?? []) {
      const hint = hinted.get(catalogueLayerOf(spec) ?? '');
      const role = roleOf(spec);
      if (!hint || !role || !GEOMETRY_ROLES.includes(role) || !map.getLayer(spec.id)) continue;
      const name = `${spec.type}-color` as ColorProperty;
      const served = ((spec as { paint?: Record<string, unknown> }).paint ?? {})[name];
      if (served === undefined) continue;
      const next = date ? replaceGet(served, hint.status.property, asOfStatusExpression(hint, date)) : served;
      if (JSON.stringify(map.getPaintProperty(spec.id, name)) !== JSON.stringify(next)) map.setPaintProperty(spec.id, name, next as never);
    }
  }

  watch([() => toValue(options.style), () => toValue(options.layers), () => toValue(options.date)], apply, { immediate: true });
  map.on('styledata', apply);
  onScopeDispose(() => map.off('styledata', apply));
}
