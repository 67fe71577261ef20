/** Earth's equatorial circumference in metres (the Web Mercator sphere). */
const EARTH_CIRCUMFERENCE = 40_075_016.686;
/** MapLibre's world is 512 CSS pixels wide at zoom 0. */
const WORLD_PIXELS_AT_ZOOM_0 = 512;
/** Bar lengths are 1, 2 or 5 times a power of ten. */
const NICE_STEPS = [5, 2, 1];

/** Ground metres one image pixel spans at a latitude and zoom, for an image drawn at `pixelRatio` image pixels per CSS pixel. */
export function metresPerPixel(latitude: number, zoom: number, pixelRatio = 1): number {
  return (EARTH_CIRCUMFERENCE * Math.cos((latitude * Math.PI) / 180)) / (WORLD_PIXELS_AT_ZOOM_0 * 2 ** zoom) / pixelRatio;
}

/** A scale bar: a round ground length and how many image pixels it takes. */
export interface ScaleBar {
  metres: number;
  pixels: number;
  /** e.g. "200 m", "1 km". */
  label: string;
}

/** The longest round length (1, 2 or 5 × 10ⁿ m) whose bar fits in `maxPixels`. */
export function scaleBar(metresPerPx: number, maxPixels: number): ScaleBar {
  if (!(metresPerPx > 0) || !(maxPixels > 0)) throw new RangeError(`no scale bar for ${metresPerPx} m/px in ${maxPixels} px`);
  const longest = metresPerPx * maxPixels;
  const power = 10 ** Math.floor(Math.log10(longest));
  const metres = (NICE_STEPS.find((step) => step * power <= longest) ?? 1) * power;
  return { metres, pixels: metres / metresPerPx, label: formatDistance(metres) };
}

function formatDistance(metres: number): string {
  if (metres >= 1000) return `${metres / 1000} km`;
  return metres >= 1 ? `${metres} m` : `${Number(metres.toPrecision(1))} m`;
}
