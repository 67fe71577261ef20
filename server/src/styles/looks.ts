import type { GeometryType, LayerGroup } from '@shared/layers';

/** How a catalogue layer is drawn: basemap and administrative layers get fixed looks. */
export type LayerLook = 'water' | 'green' | 'road' | 'landmark' | 'basemap' | 'boundary' | 'community' | 'grid' | 'thematic';

/** Picks a layer's look from its group, geometry type and id. */
export function lookOf(layer: { id: string; group: LayerGroup; geometryType: GeometryType }): LayerLook {
  const { id, group, geometryType } = layer;
  if (group === 'administrative') {
    if (/boundary/.test(id)) return 'boundary';
    if (/grid/.test(id)) return 'grid';
    if (/communit/.test(id)) return 'community';
    return 'thematic';
  }
  if (group !== 'basemap') return 'thematic';
  if (/water|river|lake|canal|pond/.test(id)) return 'water';
  if (/hill|green|park|mountain|wood|forest|garden/.test(id)) return 'green';
  if (geometryType === 'LineString' && /road|street|lane|alley/.test(id)) return 'road';
  if (geometryType === 'Point') return 'landmark';
  return 'basemap';
}
