import type { LayerGroup, LayerInfo } from '@shared/layers';

/** The order groups appear in the layer panel: thematic layers first, the basemap last. */
export const GROUP_ORDER = [
  'renovation',
  'ecology',
  'economy',
  'services',
  'administrative',
  'basemap',
] as const satisfies readonly LayerGroup[];

/** The layers of one group, in catalogue order. */
export interface LayerGroupEntry {
  group: LayerGroup;
  layers: LayerInfo[];
}

/** Groups layers for the panel, dropping empty groups and keeping catalogue order inside each. */
export function groupLayers(layers: readonly LayerInfo[]): LayerGroupEntry[] {
  return GROUP_ORDER
    .map((group) => ({ group, layers: layers.filter((layer) => layer.group === group) }))
    .filter((entry) => entry.layers.length > 0);
}
