import { describe, expect, it } from 'vitest';
import { CANVAS, fitCanvas, minCanvasFont } from './scale';

describe('fitCanvas', () => {
  it('keeps a 1920×1080 window at scale 1 with no bars', () => {
    expect(fitCanvas({ width: 1920, height: 1080 })).toEqual({ scale: 1, left: 0, top: 0 });
  });

  it('shrinks uniformly into a 1366×768 laptop (height-bound: 768 ÷ 1080), with a third of a pixel of bar each side', () => {
    const fit = fitCanvas({ width: 1366, height: 768 });
    expect(fit.scale).toBeCloseTo(768 / 1080);
    expect(fit.top).toBe(0);
    expect(fit.left).toBeCloseTo(1 / 3, 2);
    expect(CANVAS.width * fit.scale + 2 * fit.left).toBeCloseTo(1366, 2);
  });

  it('puts bars left and right on a tall or square screen, and grows on a 4K wall', () => {
    const square = fitCanvas({ width: 1000, height: 1000 });
    expect(square.scale).toBe(1000 / 1920);
    expect(square.left).toBe(0);
    expect(square.top).toBeCloseTo((1000 - 1080 * (1000 / 1920)) / 2, 2);
    const narrow = fitCanvas({ width: 1920, height: 1200 });
    expect(narrow.scale).toBe(1);
    expect(narrow.top).toBe(60);
    const wide = fitCanvas({ width: 2560, height: 1080 });
    expect(wide).toEqual({ scale: 1, left: 320, top: 0 });
    expect(fitCanvas({ width: 3840, height: 2160 }).scale).toBe(2);
  });

  it('never overflows the viewport', () => {
    for (const [width, height] of [[800, 600], [1280, 720], [1440, 900], [375, 812], [5120, 1440]] as const) {
      const { scale, left, top } = fitCanvas({ width, height });
      expect(left).toBeGreaterThanOrEqual(0);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(left + CANVAS.width * scale).toBeLessThanOrEqual(width + 0.01);
      expect(top + CANVAS.height * scale).toBeLessThanOrEqual(height + 0.01);
    }
  });

  it('gives scale 0 for a window with no room (e.g. minimised)', () => {
    expect(fitCanvas({ width: 0, height: 768 }).scale).toBe(0);
  });
});

describe('minCanvasFont', () => {
  it('keeps 12 px at full size and larger, and grows small text so that it shows 12 px once scaled down', () => {
    expect(minCanvasFont(1)).toBe(12);
    expect(minCanvasFont(2)).toBe(12);
    expect(minCanvasFont(768 / 1080)).toBe(16.9);
    expect(minCanvasFont(768 / 1080) * (768 / 1080)).toBeGreaterThanOrEqual(12);
    expect(minCanvasFont(0.5)).toBe(24);
  });
});
