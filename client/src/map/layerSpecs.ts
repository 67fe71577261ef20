import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';
import type { LayerInfo } from '@contracts/layers';
import type { AppLocale } from '../i18n/locale';
import { LABEL_FONT_STACK } from './baseStyle';
import { LABEL_POINT_KEY } from './labelPoints';
import { BASEMAP_COLORS as C, lookOf, type LayerLook } from './layerLooks';

/** A layer to add and the slot it goes into (geometry below all labels). */
export interface PlacedLayer {
  slot: 'geometry' | 'label';
  spec: LayerSpecification;
}

/** The MapLibre layer ids a catalogue layer may use; its source id is the layer id itself. */
export function mapLayerIds(layerId: string) {
  return {
    casing: `${layerId}-casing`,
    fill: `${layerId}-fill`,
    line: `${layerId}-line`,
    circle: `${layerId}-circle`,
    label: `${layerId}-label`,
  };
}

/** The label text of a feature: the English variant of the label property in English, when the schema has one. */
export function labelExpression(layer: Pick<LayerInfo, 'labelProperty' | 'schema'>, locale: AppLocale): ExpressionSpecification | undefined {
  const key = layer.labelProperty;
  if (!key) return undefined;
  const english = `${key}_en`;
  if (locale === 'en' && english in layer.schema.properties) {
    return ['to-string', ['coalesce', ['get', english], ['get', key], '']];
  }
  return ['to-string', ['coalesce', ['get', key], '']];
}

/** Builds the MapLibre layers of a catalogue layer, bottom first. */
export function buildLayerSpecs(layer: LayerInfo, locale: AppLocale): PlacedLayer[] {
  const look = lookOf(layer);
  const geometry = geometrySpecs(layer, look);
  const label = labelSpec(layer, look, locale);
  if (layer.geometryType !== 'Polygon') return label ? [...geometry, label] : geometry;
  const shapes = geometry.map((p) => withFilter(p, ['!', ['has', LABEL_POINT_KEY]]));
  return label ? [...shapes, withFilter(label, ['has', LABEL_POINT_KEY])] : shapes;
}

/** Polygon layers' sources also hold label points (see `withLabelPoints`); each layer keeps its own kind. */
function withFilter(placed: PlacedLayer, filter: FilterSpecification): PlacedLayer {
  return { ...placed, spec: { ...placed.spec, filter } as LayerSpecification };
}

function geometrySpecs(layer: LayerInfo, look: LayerLook): PlacedLayer[] {
  const ids = mapLayerIds(layer.id);
  const source = layer.id;
  const color = layer.style.color;
  const place = (spec: LayerSpecification): PlacedLayer => ({ slot: 'geometry', spec });

  if (layer.geometryType === 'Point') {
    const landmark = look === 'landmark';
    return [place({
      id: ids.circle, type: 'circle', source,
      paint: {
        'circle-color': landmark ? C.landmark : color,
        'circle-radius': landmark ? 3.5 : ['interpolate', ['linear'], ['zoom'], 13, 4, 17, 7],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': landmark ? 1 : 1.5,
      },
    })];
  }

  if (layer.geometryType === 'LineString') {
    if (look === 'road') {
      return [
        place({ id: ids.casing, type: 'line', source, layout: { 'line-join': 'round', 'line-cap': 'round' },
          paint: { 'line-color': C.roadCasing, 'line-width': roadWidth(3, 11) } }),
        place({ id: ids.line, type: 'line', source, layout: { 'line-join': 'round', 'line-cap': 'round' },
          paint: { 'line-color': C.road, 'line-width': roadWidth(1.5, 8) } }),
      ];
    }
    const water = look === 'water';
    return [place({
      id: ids.line, type: 'line', source, layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': water ? C.waterOutline : color, 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 2.5, 17, 6] },
    })];
  }

  switch (look) {
    case 'boundary':
      return [place({ id: ids.line, type: 'line', source, layout: { 'line-join': 'round' },
        paint: { 'line-color': color, 'line-width': 2.5, 'line-dasharray': [3, 2] } })];
    case 'grid':
      return [
        place({ id: ids.fill, type: 'fill', source, paint: { 'fill-color': color, 'fill-opacity': 0 } }),
        place({ id: ids.line, type: 'line', source, paint: { 'line-color': color, 'line-width': 0.6, 'line-opacity': 0.7 } }),
      ];
    case 'community':
      return [
        place({ id: ids.fill, type: 'fill', source, paint: { 'fill-color': color, 'fill-opacity': 0.05 } }),
        place({ id: ids.line, type: 'line', source, paint: { 'line-color': color, 'line-width': 1.5, 'line-opacity': 0.9 } }),
      ];
    case 'water':
    case 'green': {
      const fill = look === 'water' ? C.water : C.green;
      const outline = look === 'water' ? C.waterOutline : C.greenOutline;
      return [
        place({ id: ids.fill, type: 'fill', source, paint: { 'fill-color': fill, 'fill-opacity': 1 } }),
        place({ id: ids.line, type: 'line', source, paint: { 'line-color': outline, 'line-width': 0.8 } }),
      ];
    }
    case 'basemap':
      return [
        place({ id: ids.fill, type: 'fill', source, paint: { 'fill-color': color, 'fill-opacity': 0.25 } }),
        place({ id: ids.line, type: 'line', source, paint: { 'line-color': color, 'line-width': 0.8, 'line-opacity': 0.6 } }),
      ];
    default:
      return [
        place({ id: ids.fill, type: 'fill', source, paint: { 'fill-color': color, 'fill-opacity': 0.35 } }),
        place({ id: ids.line, type: 'line', source, paint: { 'line-color': color, 'line-width': 1.5 } }),
      ];
  }
}

/** Road width growing with zoom and scaled by the feature's `class` (arterials widest, alleys narrowest). */
function roadWidth(atZ13: number, atZ17: number): ExpressionSpecification {
  const scale: ExpressionSpecification = ['match', ['get', 'class'], 'arterial', 1.6, 'secondary', 1.3, 'alley', 0.6, 'pedestrian', 0.7, 1];
  return ['interpolate', ['linear'], ['zoom'], 13, ['*', scale, atZ13], 17, ['*', scale, atZ17]];
}

function labelSpec(layer: LayerInfo, look: LayerLook, locale: AppLocale): PlacedLayer | undefined {
  const text = labelExpression(layer, locale);
  if (!text || look === 'boundary' || look === 'grid') return undefined;
  const alongLine = layer.geometryType === 'LineString';
  const isPoint = layer.geometryType === 'Point';
  const textColor = look === 'water' ? C.waterLabel : look === 'green' ? C.greenLabel : look === 'road' ? C.roadLabel : C.label;
  const size = look === 'community' ? 13 : look === 'road' || look === 'landmark' ? 11 : 12;
  return {
    slot: 'label',
    spec: {
      id: mapLayerIds(layer.id).label,
      type: 'symbol',
      source: layer.id,
      layout: {
        'text-field': text,
        'text-font': LABEL_FONT_STACK,
        'text-size': size,
        'text-max-width': 8,
        'symbol-placement': alongLine ? 'line' : 'point',
        'text-anchor': isPoint ? 'top' : 'center',
        'text-offset': isPoint ? [0, 0.7] : [0, 0],
        'text-letter-spacing': look === 'community' ? 0.1 : 0,
        'text-padding': 2,
      },
      paint: {
        'text-color': textColor,
        'text-halo-color': C.halo,
        'text-halo-width': 1.5,
        'text-halo-blur': 0.5,
      },
    },
  };
}
