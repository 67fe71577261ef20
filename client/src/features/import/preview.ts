import * as turf from '@turf/turf';
import type { ExpressionSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { ImportReport } from '@shared/import';
import type { OverlayLayer } from '../../maplibre/useOverlay';

/** Id of the GeoJSON source of the import preview. */
export const PREVIEW_SOURCE = 'import-preview';

/** Ids of the preview's style layers, bottom to top; browser tests query them. */
export const PREVIEW_LAYER_IDS = { fill: 'import-preview-fill', line: 'import-preview-line', point: 'import-preview-point' } as const;

/** Colours of valid and invalid features in the preview. */
export const PREVIEW_COLORS = { ok: '#7b3fe4', invalid: '#d62728' } as const;

/** The converted features of a report, each with `ok` and its position in the file (`index`). */
export function previewData(report: ImportReport | null): FeatureCollection | null {
  if (!report) return null;
  const features = report.features.flatMap((r) => (r.feature?.geometry
    ? [{ type: 'Feature' as const, geometry: r.feature.geometry, properties: { ok: r.ok, index: r.index } }]
    : []));
  return features.length ? { type: 'FeatureCollection', features } : null;
}

/** [west, south, east, north] of the preview, or null when it is empty. */
export function previewBounds(data: FeatureCollection | null): [number, number, number, number] | null {
  if (!data || data.features.length === 0) return null;
  const [w, s, e, n] = turf.bbox(data);
  return [w, s, e, n].every(Number.isFinite) ? [w, s, e, n] : null;
}

const COLOR: ExpressionSpecification = ['case', ['get', 'ok'], PREVIEW_COLORS.ok, PREVIEW_COLORS.invalid];
const POLYGONAL: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
const PUNCTUAL: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]];

/** The preview's style layers: translucent fills, dashed outlines and lines, white-ringed points. */
export const PREVIEW_LAYERS: readonly OverlayLayer[] = [
  { id: PREVIEW_LAYER_IDS.fill, type: 'fill', filter: POLYGONAL, paint: { 'fill-color': COLOR, 'fill-opacity': 0.25 } },
  {
    id: PREVIEW_LAYER_IDS.line, type: 'line', filter: ['!', PUNCTUAL],
    layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': COLOR, 'line-width': 3, 'line-dasharray': [2, 1] },
  },
  {
    id: PREVIEW_LAYER_IDS.point, type: 'circle', filter: PUNCTUAL,
    paint: { 'circle-radius': 6, 'circle-color': COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  },
];
