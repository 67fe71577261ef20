import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { catalogueLayerOf, roleOf, type StyleLayerRole } from '../../maplibre/styleMetadata';

/** Which style layer's colour stands for a catalogue layer, best first (a road's casing outshines its white core). */
const SWATCH_ROLES: readonly StyleLayerRole[] = ['circle', 'fill', 'casing', 'line'];

/** A style layer's plain colour, else the swatch the server put in its metadata (for data-driven colours). */
function colorOf(layer: LayerSpecification): string | undefined {
  const paint: Record<string, unknown> = 'paint' in layer && layer.paint ? layer.paint : {};
  const color = paint[`${layer.type}-color`];
  if (typeof color === 'string') return color;
  const swatch = (layer.metadata as Record<string, unknown> | undefined)?.['qingbo:swatch'];
  return typeof swatch === 'string' ? swatch : undefined;
}

/** The swatch colour of each catalogue layer, read from the colours the style draws it with. */
export function legendOf(style: Pick<StyleSpecification, 'layers'> | null): Record<string, string> {
  const best: Record<string, { rank: number; color: string }> = {};
  for (const layer of style?.layers ?? []) {
    const id = catalogueLayerOf(layer);
    const role = roleOf(layer);
    const rank = role ? SWATCH_ROLES.indexOf(role) : -1;
    const color = colorOf(layer);
    if (!id || rank < 0 || !color || (best[id] && best[id].rank <= rank)) continue;
    best[id] = { rank, color };
  }
  return Object.fromEntries(Object.entries(best).map(([id, { color }]) => [id, color]));
}
