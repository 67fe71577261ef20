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

/** A rectangle in page pixels (a `DOMRect` has these). */
export interface PixelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Padding of a `fitBounds`, in pixels. */
export interface FitPadding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * `fitBounds` padding that keeps the fitted features in the part of the map no panel covers: a
 * panel on the map's right half pushes the right edge in, one on the left half the left edge, one
 * as wide as the map the bottom edge when it reaches the bottom (a phone's sheet), else the top edge. At least `margin` on every side, and at least
 * `minSize` pixels of the map left to fit into (a panel wider than that is then partly ignored).
 */
export function uncoveredPadding(map: PixelBox, panels: readonly PixelBox[], margin = 40, minSize = 120): FitPadding {
  const padding: FitPadding = { top: margin, right: margin, bottom: margin, left: margin };
  const width = map.right - map.left;
  const height = map.bottom - map.top;
  for (const p of panels) {
    if (p.right <= map.left || p.left >= map.right || p.bottom <= map.top || p.top >= map.bottom) continue;
    const wide = p.right - p.left >= width * 0.9;
    if (wide && p.bottom >= map.bottom - 1) padding.bottom = Math.max(padding.bottom, map.bottom - p.top + margin / 2);
    else if (wide) padding.top = Math.max(padding.top, p.bottom - map.top + margin / 2);
    else if ((p.left + p.right) / 2 >= map.left + width / 2) padding.right = Math.max(padding.right, map.right - p.left + margin / 2);
    else padding.left = Math.max(padding.left, p.right - map.left + margin / 2);
  }
  const squeeze = (a: keyof FitPadding, b: keyof FitPadding, size: number) => {
    const over = padding[a] + padding[b] + minSize - size;
    if (over > 0) padding[a] = Math.max(0, padding[a] - over);
  };
  squeeze('right', 'left', width);
  squeeze('bottom', 'top', height);
  return { top: Math.round(padding.top), right: Math.round(padding.right), bottom: Math.round(padding.bottom), left: Math.round(padding.left) };
}
