import { expression, latest, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { clampOpacity, opacityProperties, scaleOpacity } from './opacity';

const CIRCLE_OPACITY = latest.paint_circle['circle-opacity'] as StylePropertySpecification;
const HEATMAP_OPACITY = latest.paint_heatmap['heatmap-opacity'] as StylePropertySpecification;
const IS_CLUSTER = ['has', 'point_count'];

/** Parses a paint value as MapLibre does and evaluates it at `zoom` on a feature with `properties`; throws when MapLibre would reject it. */
function evaluate(value: unknown, zoom: number, properties: Record<string, unknown> = {}, spec = CIRCLE_OPACITY): number {
  const parsed = expression.createPropertyExpression(value, 'paint', spec);
  if (parsed.result !== 'success') throw new Error(parsed.value.map((e) => e.message).join('; '));
  return parsed.value.evaluate({ zoom }, { type: 'Point', properties } as never) as number;
}

describe('scaleOpacity', () => {
  it('multiplies a plain number, and takes the default 1 for a property the style leaves out', () => {
    expect(scaleOpacity(0.35, 0.6)).toBe(0.21);
    expect(scaleOpacity(undefined, 0.4)).toBe(0.4);
    expect(scaleOpacity(0, 0.5)).toBe(0);
  });

  it('hands back the very value with factor 1', () => {
    const served = ['case', IS_CLUSTER, 0.75, 1];
    expect(scaleOpacity(served, 1)).toBe(served);
    expect(scaleOpacity(undefined, 1)).toBeUndefined();
  });

  it('wraps a data-driven expression in a product MapLibre accepts', () => {
    const scaled = scaleOpacity(['case', IS_CLUSTER, 0.75, 1], 0.5);

    expect(scaled).toEqual(['*', 0.5, ['case', IS_CLUSTER, 0.75, 1]]);
    expect(evaluate(scaled, 15, { point_count: 3 })).toBeCloseTo(0.375);
    expect(evaluate(scaled, 15)).toBeCloseTo(0.5);
  });

  it('scales each stop of a zoom interpolation and keeps it the top-level expression', () => {
    const served = ['interpolate', ['linear'], ['zoom'], 13, 0.85, 16, 0];
    const scaled = scaleOpacity(served, 0.5);

    expect(() => evaluate(['*', 0.5, served], 14, {}, HEATMAP_OPACITY)).toThrow(/zoom/);
    expect(scaled).toEqual(['interpolate', ['linear'], ['zoom'], 13, 0.425, 16, 0]);
    expect(evaluate(scaled, 13, {}, HEATMAP_OPACITY)).toBeCloseTo(0.425);
    expect(evaluate(scaled, 14.5, {}, HEATMAP_OPACITY)).toBeCloseTo(evaluate(served, 14.5, {}, HEATMAP_OPACITY) * 0.5);
    expect(served).toEqual(['interpolate', ['linear'], ['zoom'], 13, 0.85, 16, 0]);
  });

  it('scales data-driven outputs inside a zoom curve, and every output of a zoom step', () => {
    const curve = ['interpolate', ['exponential', 1.5], ['zoom'], 12, ['case', IS_CLUSTER, 0.5, 1], 18, 1];
    const step = ['step', ['zoom'], 0.2, 14, 0.6, 16, 1];

    const scaledCurve = scaleOpacity(curve, 0.5);
    const scaledStep = scaleOpacity(step, 0.5);

    expect(scaledCurve).toEqual(['interpolate', ['exponential', 1.5], ['zoom'], 12, ['*', 0.5, ['case', IS_CLUSTER, 0.5, 1]], 18, 0.5]);
    expect(evaluate(scaledCurve, 12, { point_count: 4 })).toBeCloseTo(0.25);
    expect(scaledStep).toEqual(['step', ['zoom'], 0.1, 14, 0.3, 16, 0.5]);
    expect([13, 15, 17].map((z) => evaluate(scaledStep, z))).toEqual([0.1, 0.3, 0.5]);
  });

  it('treats an interpolation over a feature property as any other expression', () => {
    const served = ['interpolate', ['linear'], ['get', 'households'], 0, 0.2, 100, 1];
    const scaled = scaleOpacity(served, 0.5);

    expect(scaled).toEqual(['*', 0.5, served]);
    expect(evaluate(scaled, 15, { households: 50 })).toBeCloseTo(0.3);
  });

  it('scales the stop outputs of a legacy function', () => {
    expect(scaleOpacity({ base: 1, stops: [[12, 0.4], [16, 1]] }, 0.5)).toEqual({ base: 1, stops: [[12, 0.2], [16, 0.5]] });
  });
});

describe('opacityProperties', () => {
  it('names the opacity paint properties of each drawing layer type', () => {
    expect(opacityProperties('circle')).toEqual(['circle-opacity', 'circle-stroke-opacity']);
    expect(opacityProperties('symbol')).toEqual(['text-opacity', 'icon-opacity']);
    expect(opacityProperties('fill')).toEqual(['fill-opacity']);
    expect(opacityProperties('raster')).toEqual(['raster-opacity']);
    expect(opacityProperties('background')).toEqual([]);
  });
});

describe('clampOpacity', () => {
  it('keeps factors within 0…1 at two decimals', () => {
    expect([clampOpacity(-0.2), clampOpacity(1.5), clampOpacity(0.456), clampOpacity(Number.NaN)]).toEqual([0, 1, 0.46, 1]);
  });
});
