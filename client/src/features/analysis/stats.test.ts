import { area, destination, featureCollection, lineString, multiPoint, point, polygon } from '@turf/turf';
import type { Geometry, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayerSchema } from '@shared/layers';
import { additiveKeys, statsInPolygon } from './stats';

const SW: [number, number] = [120.16, 30.24];
const move = (from: [number, number], metres: number, bearing: number) => destination(from, metres, bearing, { units: 'meters' }).geometry.coordinates as [number, number];

/** A lon/lat box from `west`/`south` (metres east and north of SW) of `w` × `h` metres. */
function box(westM: number, southM: number, w: number, h: number): Polygon {
  const [x0, y0] = move(move(SW, westM, 90), southM, 0);
  const [x1, y1] = move(move([x0!, y0!], w, 90), h, 0);
  return polygon([[[x0!, y0!], [x1!, y0!], [x1!, y1!], [x0!, y1!], [x0!, y0!]]]).geometry;
}

const AREA = box(0, 0, 1000, 1000);
const mid = (northM: number, eastM: number) => move(move(SW, northM, 0), eastM, 90);

describe('statsInPolygon', () => {
  it('counts points inside and sums their numeric properties', () => {
    const layer = featureCollection<Geometry>([
      point(mid(500, 500), { bins: 12, capacity: 2 }),
      point(mid(100, 900), { bins: 8, capacity: 'n/a' }),
      point(mid(1500, 500), { bins: 100, capacity: 50 }),
      multiPoint([mid(2000, 2000), mid(10, 10)], { bins: 1, capacity: 1 }),
    ]);
    const stats = statsInPolygon(layer, AREA, ['bins', 'capacity']);

    expect(stats).toEqual({ count: 3, lengthM: 0, areaM2: 0, sums: [{ key: 'bins', value: 21 }, { key: 'capacity', value: 3 }] });
  });

  it('adds the length of lines clipped to the polygon', () => {
    const crossing = lineString([mid(500, -300), mid(500, 1300)], { budget: 10 }); // 1000 m inside
    const inOut = lineString([mid(200, 200), mid(200, 700), mid(1200, 700)], { budget: 5 }); // 500 + 800 m inside
    const outside = lineString([mid(1200, 0), mid(1200, 900)], { budget: 99 });
    const stats = statsInPolygon(featureCollection([crossing, inOut, outside]), AREA, ['budget']);

    expect(stats.count).toBe(2);
    expect(stats.lengthM).toBeCloseTo(2300, -1);
    expect(stats.sums).toEqual([{ key: 'budget', value: 15 }]);
  });

  it('adds the area of polygons clipped to the polygon', () => {
    const inside = polygon(box(100, 100, 200, 200).coordinates, { households: 10 });
    const half = polygon(box(900, 100, 200, 100).coordinates, { households: 4 });
    const outside = polygon(box(2000, 0, 100, 100).coordinates, { households: 50 });
    const stats = statsInPolygon(featureCollection([inside, half, outside]), AREA, ['households']);

    expect(stats.count).toBe(2);
    expect(stats.areaM2 / (area(inside) + area(half) / 2)).toBeCloseTo(1, 2);
    expect(stats.sums).toEqual([{ key: 'households', value: 14 }]);
  });
});

describe('additiveKeys', () => {
  it('keeps numeric properties but not percentages or years', () => {
    const schema: LayerSchema = {
      type: 'object', required: [],
      properties: {
        name: { type: 'string' }, length_m: { type: 'number', 'x-unit': 'm' }, budget_wan: { type: 'number' }, progress_pct: { type: 'integer', 'x-unit': '%' },
        year_built: { type: 'integer' }, opening_year: { type: 'integer' }, dealers: { type: 'integer' }, done: { type: 'boolean' },
      },
    };
    expect(additiveKeys(schema)).toEqual(['length_m', 'budget_wan', 'dealers']);
  });
});
