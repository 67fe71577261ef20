import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { LABEL_POINT_KEY, withLabelPoints } from './labelPoints';

describe('withLabelPoints', () => {
  it('adds one point inside each polygon, carrying its properties', () => {
    const square: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', id: 1, properties: { name: '清波门社区' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] } }],
    };

    const result = withLabelPoints(square);

    expect(result.features).toHaveLength(2);
    expect(result.features[1]).toMatchObject({ geometry: { type: 'Point', coordinates: [1, 1] }, properties: { name: '清波门社区', [LABEL_POINT_KEY]: true } });
    expect(square.features).toHaveLength(1);
  });

  it('leaves other geometries alone', () => {
    const line: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }] };
    expect(withLabelPoints(line)).toBe(line);
  });
});
