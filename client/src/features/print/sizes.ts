import { pageAroundMap, unitFor, type Size } from './layout';

/** Output sizes offered: the map as seen, or an A4 landscape page at 150 dpi. */
export const PRINT_SIZES = ['view', 'a4-landscape'] as const;
/** One output size. */
export type PrintSize = (typeof PRINT_SIZES)[number];

/** A4 landscape (297 × 210 mm) at 150 dpi. */
export const A4_LANDSCAPE_150DPI: Size = { width: 1754, height: 1240 };

/** The page size and layout unit of an output size; `view` wraps the title and footer around the map's own pixels. */
export function pageFor(size: PrintSize, mapPixels: Size, hasSubtitle: boolean): { page: Size; unit: number } {
  if (size === 'a4-landscape') return { page: A4_LANDSCAPE_150DPI, unit: unitFor(A4_LANDSCAPE_150DPI) };
  return pageAroundMap(mapPixels, hasSubtitle);
}

/** The CSS size and pixel ratio of an off-screen map filling `area` image pixels at the visible map's zoom. */
export interface OffscreenView extends Size {
  pixelRatio: number;
  /** Added to the visible zoom (0, or below 0 when the area is smaller than the visible map). */
  zoomOffset: number;
}

/**
 * Sizes an off-screen map for a print area so that it shows at least what is visible (more in
 * one direction): a larger area raises the pixel ratio (same zoom, same label size, sharper,
 * up to `maxPixelRatio`), a smaller one lowers the zoom instead.
 */
export function offscreenView(area: Size, visible: Size, maxPixelRatio = 4): OffscreenView {
  const fit = Math.min(area.width / visible.width, area.height / visible.height);
  const pixelRatio = Math.min(maxPixelRatio, Math.max(1, fit));
  const zoomOffset = fit < 1 ? Math.log2(fit) : 0;
  return { width: Math.round(area.width / pixelRatio), height: Math.round(area.height / pixelRatio), pixelRatio, zoomOffset };
}
