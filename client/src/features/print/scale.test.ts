import { describe, expect, it } from 'vitest';
import { metresPerPixel, scaleBar } from './scale';

describe('metresPerPixel', () => {
  it('is about 78 km per pixel at the equator at zoom 0 and halves with every zoom level', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.5, 0);
    expect(metresPerPixel(0, 1)).toBeCloseTo(metresPerPixel(0, 0) / 2, 6);
  });

  it('shrinks with the cosine of the latitude and with the pixel ratio', () => {
    // Qingbo (30.25° N) at zoom 16: 0.1036 m per CSS pixel.
    expect(metresPerPixel(30.25, 16)).toBeCloseTo(78_271.5 * Math.cos((30.25 * Math.PI) / 180) / 65_536, 4);
    expect(metresPerPixel(30.25, 16, 2)).toBeCloseTo(metresPerPixel(30.25, 16) / 2, 9);
    expect(metresPerPixel(60, 10)).toBeCloseTo(metresPerPixel(0, 10) / 2, 6);
  });
});

describe('scaleBar', () => {
  it('picks the longest 1, 2 or 5 × 10ⁿ metres that fits', () => {
    expect(scaleBar(1, 150)).toEqual({ metres: 100, pixels: 100, label: '100 m' });
    expect(scaleBar(1, 250)).toEqual({ metres: 200, pixels: 200, label: '200 m' });
    expect(scaleBar(1, 500)).toEqual({ metres: 500, pixels: 500, label: '500 m' });
    expect(scaleBar(0.5, 120)).toEqual({ metres: 50, pixels: 100, label: '50 m' });
    expect(scaleBar(10, 150)).toEqual({ metres: 1000, pixels: 100, label: '1 km' });
    expect(scaleBar(30, 150)).toEqual({ metres: 2000, pixels: 2000 / 30, label: '2 km' });
  });

  it('never draws a bar longer than allowed, and at least a fifth of it', () => {
    for (const mpp of [0.013, 0.1, 0.37, 1.9, 7.3, 44, 512]) {
      const bar = scaleBar(mpp, 160);
      expect(bar.pixels).toBeLessThanOrEqual(160);
      expect(bar.pixels).toBeGreaterThanOrEqual(160 / 5 - 1e-9);
      expect(bar.pixels * mpp).toBeCloseTo(bar.metres, 6);
    }
  });

  it('labels sub-metre lengths and refuses a scale it cannot draw', () => {
    expect(scaleBar(0.001, 150).label).toBe('0.1 m');
    expect(() => scaleBar(0, 150)).toThrow(RangeError);
    expect(() => scaleBar(1, Number.NaN)).toThrow(RangeError);
  });
});
