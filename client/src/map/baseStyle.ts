import type { StyleSpecification } from 'maplibre-gl';

/** CSS font families labels are drawn with; there is no `glyphs` URL, so MapLibre rasterises these locally. */
export const LABEL_FONT_STACK = ['Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];
/** The same families as one CSS list, for `localIdeographFontFamily`. */
export const LOCAL_IDEOGRAPH_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Invisible marker layer: geometry layers are inserted below it, so labels always stay on top. */
export const GEOMETRY_SLOT = 'slot-geometry-top';
/** Invisible marker layer: label layers are inserted below it; later overlays go above. */
export const LABEL_SLOT = 'slot-labels-top';

/** Fallback extent of Qingbo Street when the catalogue has no district boundary: [w, s, e, n]. */
export const DEFAULT_BOUNDS: [number, number, number, number] = [120.151, 30.235, 120.169, 30.248];

/** Background colour of the offline basemap. */
export const BACKGROUND_COLOR = '#f2efe9';

/**
 * The offline base style: a background and two slot markers, no online tiles and no `glyphs`
 * key. Layers from the catalogue are added into the slots at runtime.
 */
export function createBaseStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'qingbo-console-light',
    sources: {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
      { id: GEOMETRY_SLOT, type: 'background', layout: { visibility: 'none' } },
      { id: LABEL_SLOT, type: 'background', layout: { visibility: 'none' } },
    ],
  };
}
