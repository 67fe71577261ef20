/** Paint properties that make a style layer (part) transparent; every one of them defaults to 1. */
export type OpacityProperty =
  | 'fill-opacity' | 'line-opacity' | 'circle-opacity' | 'circle-stroke-opacity' | 'text-opacity' | 'icon-opacity'
  | 'raster-opacity' | 'heatmap-opacity' | 'fill-extrusion-opacity';

const OPACITY_PROPERTIES: Readonly<Record<string, readonly OpacityProperty[]>> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  symbol: ['text-opacity', 'icon-opacity'],
  raster: ['raster-opacity'],
  heatmap: ['heatmap-opacity'],
  'fill-extrusion': ['fill-extrusion-opacity'],
};

/** The opacity paint properties of a style layer of `type` (none for types without any). */
export function opacityProperties(type: string): readonly OpacityProperty[] {
  return OPACITY_PROPERTIES[type] ?? [];
}

/** Clamps an opacity factor to 0…1 (two decimals); anything not a finite number is 1. */
export function clampOpacity(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

const CURVES = new Set(['interpolate', 'interpolate-hcl', 'interpolate-lab']);

function isZoom(input: unknown): boolean {
  return Array.isArray(input) && input.length === 1 && input[0] === 'zoom';
}

/** Indexes of the outputs of a zoom curve (`interpolate` or `step` over `['zoom']`), or undefined for any other value. */
function zoomCurveOutputs(expression: readonly unknown[]): number[] | undefined {
  const [op] = expression;
  if (typeof op === 'string' && CURVES.has(op) && isZoom(expression[2])) {
    return Array.from({ length: Math.floor((expression.length - 3) / 2) }, (_, i) => 4 + 2 * i);
  }
  if (op === 'step' && isZoom(expression[1])) {
    return [2, ...Array.from({ length: Math.floor((expression.length - 3) / 2) }, (_, i) => 4 + 2 * i)];
  }
  return undefined;
}

function scaleNumber(value: number, factor: number): number {
  return Math.round(value * factor * 10_000) / 10_000;
}

/** A legacy (pre-expression) function object: `{ stops: [[input, output], …] }`. */
function isLegacyFunction(value: unknown): value is { stops: [unknown, unknown][] } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as { stops?: unknown }).stops);
}

/**
 * An opacity paint value multiplied by `factor`: a number (or no value: the default 1) is
 * multiplied; a zoom curve (`interpolate`/`step` over `['zoom']`, which MapLibre only accepts at
 * the top) keeps its shape with each stop's output scaled; any other expression (e.g. data-driven
 * `case`) becomes `['*', factor, expression]`; a legacy function's stop outputs are scaled.
 * With factor 1 the value comes back unchanged.
 */
export function scaleOpacity(value: unknown, factor: number): unknown {
  if (factor === 1) return value;
  if (value === undefined || value === null) return factor;
  if (typeof value === 'number') return scaleNumber(value, factor);
  if (Array.isArray(value)) {
    const outputs = zoomCurveOutputs(value);
    if (!outputs) return ['*', factor, value];
    const scaled = [...value];
    for (const index of outputs) scaled[index] = scaleOpacity(value[index], factor);
    return scaled;
  }
  if (isLegacyFunction(value)) {
    return { ...value, stops: value.stops.map(([input, output]) => [input, scaleOpacity(output, factor)]) };
  }
  return value;
}
