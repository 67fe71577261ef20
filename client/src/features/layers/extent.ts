import type { LayerInfo } from '@shared/layers';

/** The catalogue layer whose extent frames the map. */
export const DISTRICT_LAYER_ID = 'district-boundary';

/** The district's extent [west, south, east, north], if the catalogue has its boundary. */
export function districtBounds(layers: readonly LayerInfo[]): [number, number, number, number] | undefined {
  return layers.find((l) => l.id === DISTRICT_LAYER_ID)?.bbox;
}
