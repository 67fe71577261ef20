import { catalogueLayerOf, GEOMETRY_ROLES, roleOf, type TaggedLayer } from '../../maplibre/styleMetadata';

/** The part of a rendered feature `pickHit` reads (a `MapGeoJSONFeature` has it). */
export interface RenderedHit {
  id?: string | number;
  properties: Record<string, unknown>;
  layer: TaggedLayer & { type: string };
  sourceLayer?: string;
}

/** What a click landed on: a feature of a catalogue layer, or an aggregate of many points. */
export type PickedHit<F extends RenderedHit> =
  | { kind: 'feature'; layerId: string; feature: F }
  | { kind: 'aggregate'; layerId: string; feature: F };

const TYPE_RANK: Record<string, number> = { circle: 0, line: 1, fill: 2 };

/** Ids of the style layers a click may hit: visible layers drawing a catalogue layer's geometry. */
export function clickableLayerIds(layers: readonly (TaggedLayer & { visibility?: unknown })[]): string[] {
  return layers
    .filter((l) => {
      const role = roleOf(l);
      return role !== undefined && GEOMETRY_ROLES.includes(role) && catalogueLayerOf(l) !== undefined && l.visibility !== 'none';
    })
    .map((l) => l.id);
}

/**
 * Picks the hit to act on from `queryRenderedFeatures` results (topmost first): points before
 * lines before areas, then topmost. Aggregated points (`point_count`) are reported as such.
 */
export function pickHit<F extends RenderedHit>(hits: readonly F[]): PickedHit<F> | undefined {
  const best = hits
    .map((feature, order) => ({ feature, order, rank: TYPE_RANK[feature.layer.type] ?? 3 }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)[0]?.feature;
  const layerId = best && (catalogueLayerOf(best.layer) ?? best.sourceLayer);
  if (!best || !layerId) return undefined;
  return { kind: 'point_count' in best.properties ? 'aggregate' : 'feature', layerId, feature: best };
}
