import type { Feature, FeatureCollection } from 'geojson';
import type { ExpressionSpecification } from 'maplibre-gl';
import type { OverlayLayer } from '../../maplibre/useOverlay';

/** Id of the GeoJSON source holding the selected feature. */
export const HIGHLIGHT_SOURCE = 'selection-highlight';

/** Ids of the highlight's style layers, bottom to top; browser tests query them. */
export const HIGHLIGHT_LAYER_IDS = {
  fill: 'selection-highlight-fill',
  halo: 'selection-highlight-halo',
  outline: 'selection-highlight-outline',
  ringHalo: 'selection-highlight-ring-halo',
  ring: 'selection-highlight-ring',
} as const;

/** The highlight's accent colour (also used for its legend entry in prints). */
export const HIGHLIGHT_COLOR = '#ff6a00';

const POLYGONAL: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
const LINEAR: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];
const PUNCTUAL: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]];
/** Polygons get a thin outline, lines a wide casing. */
const byShape = (polygon: number, line: number): ExpressionSpecification => ['case', POLYGONAL, polygon, line];

/** The selected feature as the highlight source's data (its full geometry), or null for nothing to draw. */
export function highlightData(feature: Feature | null): FeatureCollection | null {
  if (!feature?.geometry) return null;
  return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: feature.geometry, properties: {} }] };
}

/**
 * The highlight's style layers: a faint fill and a white halo under an accent outline for
 * polygons, a wide white casing under a thick accent line for lines, a haloed ring for points.
 */
export function highlightLayers(): OverlayLayer[] {
  const ids = HIGHLIGHT_LAYER_IDS;
  return [
    { id: ids.fill, type: 'fill', filter: POLYGONAL, paint: { 'fill-color': HIGHLIGHT_COLOR, 'fill-opacity': 0.12 } },
    {
      id: ids.halo, type: 'line', filter: ['any', POLYGONAL, LINEAR],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': byShape(8, 15), 'line-opacity': 0.95 },
    },
    {
      id: ids.outline, type: 'line', filter: ['any', POLYGONAL, LINEAR],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': HIGHLIGHT_COLOR, 'line-width': byShape(3.5, 8) },
    },
    {
      id: ids.ringHalo, type: 'circle', filter: PUNCTUAL,
      paint: { 'circle-radius': 13, 'circle-color': 'rgba(0, 0, 0, 0)', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 8 },
    },
    {
      id: ids.ring, type: 'circle', filter: PUNCTUAL,
      paint: { 'circle-radius': 15, 'circle-color': 'rgba(0, 0, 0, 0)', 'circle-stroke-color': HIGHLIGHT_COLOR, 'circle-stroke-width': 4 },
    },
  ];
}
