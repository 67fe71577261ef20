/** The overview's virtual canvas, in CSS pixels. */
export const CANVAS = { width: 1920, height: 1080 } as const;

/** How the canvas sits in a viewport: one uniform scale and the letterbox offsets. */
export interface CanvasFit {
  scale: number;
  left: number;
  top: number;
}

/**
 * Scales a `canvas`-sized box uniformly to fit a `viewport` and centres it: the spare room
 * becomes bars left and right or top and bottom (letterbox), never scrollbars.
 */
export function fitCanvas(viewport: { width: number; height: number }, canvas: { width: number; height: number } = CANVAS): CanvasFit {
  if (viewport.width <= 0 || viewport.height <= 0) return { scale: 0, left: 0, top: 0 };
  const scale = Math.min(viewport.width / canvas.width, viewport.height / canvas.height);
  const bar = (room: number, used: number) => Math.max(0, Math.round(((room - used) / 2) * 1000) / 1000);
  return { scale, left: bar(viewport.width, canvas.width * scale), top: bar(viewport.height, canvas.height * scale) };
}

/** The smallest text on screen, in device-independent pixels, at any scale. */
export const MIN_SCREEN_FONT_PX = 12;

/**
 * The smallest font size, in canvas pixels, that still shows `MIN_SCREEN_FONT_PX` once the canvas is scaled by
 * `scale` (12 px at 1920×1080; 16.9 px at 1366×768, scale 0.711): small text grows on a small screen rather than
 * shrink below legibility. Rounded up to a tenth of a pixel.
 */
export function minCanvasFont(scale: number, screenPx = MIN_SCREEN_FONT_PX): number {
  if (scale <= 0 || scale >= 1) return screenPx;
  return Math.ceil((screenPx / scale) * 10) / 10;
}
