import { describe, expect, it } from 'vitest';
import { formatMeasurement, measure } from './measure';

describe('measuring', () => {
  it('measures a line along a meridian: 0.01° of latitude is about 1,112 m', () => {
    const m = measure({ type: 'LineString', coordinates: [[120.16, 30.24], [120.16, 30.25]] });
    expect(m?.kind).toBe('distance');
    expect(m && m.kind === 'distance' ? m.meters : 0).toBeCloseTo(1111.95, 0);
    expect(formatMeasurement(m!, 'zh-CN')).toBe('1.11 km');
  });

  it('measures an area: a 100 m square near Hangzhou is about 10,000 m²', () => {
    const dLat = 100 / 111_195;
    const dLon = dLat / Math.cos((30.24 * Math.PI) / 180);
    const m = measure({ type: 'Polygon', coordinates: [[[120.16, 30.24], [120.16 + dLon, 30.24], [120.16 + dLon, 30.24 + dLat], [120.16, 30.24 + dLat], [120.16, 30.24]]] });
    expect(m && m.kind === 'area' ? m.squareMeters : 0).toBeGreaterThan(9_950);
    expect(m && m.kind === 'area' ? m.squareMeters : 0).toBeLessThan(10_050);
    expect(formatMeasurement({ kind: 'area', squareMeters: 10_012.4 }, 'zh-CN')).toBe('10,012 m²');
  });

  it('does not measure a point', () => {
    expect(measure({ type: 'Point', coordinates: [120, 30] })).toBeUndefined();
  });
});
