import type { LayerInfo } from '@shared/layers';
import type { AppLocale } from '../../i18n/locale';
import { groupLayers } from '../layers';

/** How a legend swatch is drawn. */
export type SwatchShape = 'point' | 'line' | 'polygon' | 'highlight';

/** One row of the printed legend. */
export interface LegendEntry {
  id: string;
  label: string;
  color: string;
  shape: SwatchShape;
}

/** Swatch colour of a layer the style gave none. */
const FALLBACK_COLOR = '#888888';

const SHAPES: Record<LayerInfo['geometryType'], SwatchShape> = { Point: 'point', LineString: 'line', Polygon: 'polygon' };

/** The legend of the visible layers, in the layer panel's order (thematic groups first, basemap last). */
export function legendEntries(
  layers: readonly LayerInfo[],
  isVisible: (id: string) => boolean,
  colors: Readonly<Record<string, string>>,
  locale: AppLocale,
): LegendEntry[] {
  return groupLayers(layers).flatMap((group) => group.layers)
    .filter((layer) => isVisible(layer.id))
    .map((layer) => ({
      id: layer.id,
      label: locale === 'en' ? layer.title.en : layer.title.zh,
      color: colors[layer.id] ?? FALLBACK_COLOR,
      shape: SHAPES[layer.geometryType],
    }));
}
