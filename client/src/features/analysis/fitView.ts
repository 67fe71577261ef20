import type { LngLatBoundsLike, Map as MaplibreMap } from 'maplibre-gl';

/** Pixels kept free on each side of the map. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Room kept around fitted results, in pixels. */
const MARGIN = 24;

/**
 * Padding that keeps fitted results clear of a panel floating over the map: to its left on a
 * wide screen (a side dock), above it on a phone (a bottom sheet).
 */
export function paddingBeside(panel: DOMRect | undefined, map: DOMRect): Padding {
  const padding = { top: MARGIN * 2, right: MARGIN, bottom: MARGIN, left: MARGIN };
  if (!panel) return padding;
  const isSheet = panel.width >= map.width * 0.9;
  if (isSheet) return { ...padding, bottom: Math.max(MARGIN, map.bottom - panel.top + MARGIN) };
  return { ...padding, right: Math.max(MARGIN, map.right - panel.left + MARGIN) };
}

/** Fits the map to bounds beside the tool dock (`#tool-dock`), if the map has room for it. */
export function fitBesideDock(map: MaplibreMap, bounds: LngLatBoundsLike, doc: Document = document): void {
  const container = map.getContainer().getBoundingClientRect();
  const padding = paddingBeside(doc.getElementById('tool-dock')?.getBoundingClientRect(), container);
  if (padding.left + padding.right >= container.width || padding.top + padding.bottom >= container.height) return;
  map.fitBounds(bounds, { padding, maxZoom: 17, duration: 600 });
}
