import type { OverlayLayer } from '../../maplibre/useOverlay';

/** Colours of the analysis overlays, shared by the map layers and the panel's legends. */
export const OVERLAY_COLORS = { covered: '#1a9850', uncovered: '#d73027', buffer: '#4575b4', nearest: '#7b3294', area: '#7b3294' } as const;

/** Layers of the coverage overlay (features from coverageOverlay.ts): the coverage, each circle's outline, the uncovered parts. */
export function coverageLayers(): OverlayLayer[] {
  const kind = (k: string) => ['==', ['get', 'kind'], k] as ['==', ['get', string], string];
  return [
    { id: 'analysis-coverage-fill', type: 'fill', filter: kind('coverage'), paint: { 'fill-color': OVERLAY_COLORS.covered, 'fill-opacity': 0.16 } },
    { id: 'analysis-coverage-circles', type: 'line', filter: kind('circle'), paint: { 'line-color': OVERLAY_COLORS.covered, 'line-width': 1, 'line-opacity': 0.7, 'line-dasharray': [2, 2] } },
    { id: 'analysis-coverage-outline', type: 'line', filter: kind('coverage-outline'), paint: { 'line-color': OVERLAY_COLORS.covered, 'line-width': 2 } },
    { id: 'analysis-uncovered-fill', type: 'fill', filter: kind('uncovered'), paint: { 'fill-color': OVERLAY_COLORS.uncovered, 'fill-opacity': 0.25 } },
    { id: 'analysis-uncovered-line', type: 'line', filter: kind('uncovered-outline'), paint: { 'line-color': OVERLAY_COLORS.uncovered, 'line-width': 1 } },
  ];
}

/** Layers of an area overlay (a buffer or a statistics area) in one colour. */
export function areaLayers(prefix: string, color: string, fillOpacity: number): OverlayLayer[] {
  return [
    { id: `${prefix}-fill`, type: 'fill', paint: { 'fill-color': color, 'fill-opacity': fillOpacity } },
    { id: `${prefix}-line`, type: 'line', paint: { 'line-color': color, 'line-width': 2 } },
  ];
}

/** Layers of the nearest-facility overlay: the line from the clicked place and both end points. */
export function nearestLayers(): OverlayLayer[] {
  return [
    { id: 'analysis-nearest-line', type: 'line', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': OVERLAY_COLORS.nearest, 'line-width': 3, 'line-dasharray': [2, 1] } },
    {
      id: 'analysis-nearest-points', type: 'circle', filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': ['case', ['==', ['get', 'kind'], 'from'], 5, 8], 'circle-color': OVERLAY_COLORS.nearest, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
  ];
}
