import type { LayerInfo } from '@contracts/layers';

/** How a catalogue layer is drawn: the basemap and administrative layers get fixed looks. */
export type LayerLook =
  | 'water'
  | 'green'
  | 'road'
  | 'landmark'
  | 'basemap'
  | 'boundary'
  | 'community'
  | 'grid'
  | 'thematic';

/** Picks a layer's look from its group, geometry type and id. */
export function lookOf(layer: Pick<LayerInfo, 'id' | 'group' | 'geometryType'>): LayerLook {
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

/** The muted palette of the offline basemap. */
export const BASEMAP_COLORS = {
  water: '#a9cde8',
  waterOutline: '#86b6dc',
  waterLabel: '#3f6f9a',
  green: '#cfe3c0',
  greenOutline: '#a9cb95',
  greenLabel: '#4c7a3a',
  roadCasing: '#c9c3b8',
  road: '#ffffff',
  roadLabel: '#6b6359',
  landmark: '#7d7468',
  label: '#3b3b3b',
  halo: '#ffffff',
} as const;

/** The colour a layer is drawn with, for its swatch in the panel. */
export function swatchColor(layer: Pick<LayerInfo, 'id' | 'group' | 'geometryType' | 'style'>): string {
  switch (lookOf(layer)) {
    case 'water':
      return BASEMAP_COLORS.water;
    case 'green':
      return BASEMAP_COLORS.green;
    case 'road':
      return BASEMAP_COLORS.roadCasing;
    case 'landmark':
      return BASEMAP_COLORS.landmark;
    default:
      return layer.style.color;
  }
}
