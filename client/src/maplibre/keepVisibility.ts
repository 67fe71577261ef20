import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';

/**
 * A `transformStyle` for `map.setStyle` that carries each layer's `visibility` over from the
 * style being replaced, so swapping styles (e.g. the label language) keeps what the user hid.
 */
export function keepVisibility(previous: StyleSpecification | undefined, next: StyleSpecification): StyleSpecification {
  if (!previous) return next;
  const shown = new Map(previous.layers.map((layer) => [layer.id, layer.layout?.visibility]));
  return {
    ...next,
    layers: next.layers.map((layer): LayerSpecification => {
      const visibility = shown.get(layer.id);
      if (!visibility || visibility === (layer.layout?.visibility ?? 'visible')) return layer;
      return { ...layer, layout: { ...layer.layout, visibility } } as LayerSpecification;
    }),
  };
}
