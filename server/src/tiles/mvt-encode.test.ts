import { describe, expect, it } from 'vitest';
import GeoJSONVT, { type RawFeature } from 'geojson-vt';
import { PbfReader } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { encodeShapeLayers } from './mvt-encode';

const NO_LIMITS = { maxFeaturesPerLayer: 50_000, budget: 500 * 1024 };

function decode(bytes: Buffer): VectorTile {
  return new VectorTile(new PbfReader(bytes));
}

const ring = (...points: [number, number][]) => Int16Array.from(points.flat());
const shape = (type: 2 | 3, id: number, tags: Record<string, unknown>, ...rings: Int16Array[]): RawFeature => ({ type, id, tags, geometry: rings });

/** Decoded rings of a feature as [x, y] pairs (the decoder repeats a ring's first point after ClosePath). */
function rings(tile: VectorTile, layer: string, i: number): [number, number][][] {
  return tile.layers[layer]!.feature(i).loadGeometry().map((r) => r.map((p) => [p.x, p.y] as [number, number]));
}

describe('encodeShapeLayers', () => {
  it('writes a square with its id, tags and the MVT 2.1 layer header', () => {
    const square = shape(3, 7, { use: 'shop', floors: 3 }, ring([100, 100], [200, 100], [200, 200], [100, 200], [100, 100]));
    const tile = decode(encodeShapeLayers([{ name: 'buildings', features: [square] }], NO_LIMITS));
    const layer = tile.layers.buildings!;
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    expect(layer.length).toBe(1);
    const f = layer.feature(0);
    expect(f.id).toBe(7);
    expect(f.type).toBe(3);
    expect(f.properties).toEqual({ use: 'shop', floors: 3 });
    expect(rings(tile, 'buildings', 0)).toEqual([[[100, 100], [200, 100], [200, 200], [100, 200], [100, 100]]]);
  });

  it('keeps a hole as the second ring of one polygon (exterior clockwise, hole counter-clockwise, y down)', () => {
    const withHole = shape(3, 1, {},
      ring([0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]),
      ring([200, 200], [200, 400], [400, 400], [400, 200], [200, 200]));
    const tile = decode(encodeShapeLayers([{ name: 'l', features: [withHole] }], NO_LIMITS));
    expect(rings(tile, 'l', 0)).toEqual([
      [[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]],
      [[200, 200], [200, 400], [400, 400], [400, 200], [200, 200]],
    ]);
    const geojson = tile.layers.l!.feature(0).toGeoJSON(0, 0, 0);
    expect(geojson.geometry.type).toBe('Polygon');
    expect((geojson.geometry as { coordinates: unknown[] }).coordinates).toHaveLength(2);
  });

  it('writes a multi-line as two paths and drops repeated points (no zero-length LineTo)', () => {
    const lines = shape(2, 3, { name: 'alley' }, ring([0, 0], [10, 0], [10, 0], [10, 10]), ring([100, 100], [50, 50]));
    const tile = decode(encodeShapeLayers([{ name: 'roads', features: [lines] }], NO_LIMITS));
    expect(tile.layers.roads!.feature(0).type).toBe(2);
    expect(rings(tile, 'roads', 0)).toEqual([[[0, 0], [10, 0], [10, 10]], [[100, 100], [50, 50]]]);
  });

  it('leaves out rings and features with nothing left to draw, and holes whose exterior went', () => {
    const flat = shape(3, 1, {}, ring([5, 5], [6, 5], [7, 5], [5, 5]));
    const orphanHole = shape(3, 2, {}, ring([5, 5], [5, 9], [9, 9], [9, 5], [5, 5]));
    const point = shape(2, 3, {}, ring([4, 4], [4, 4]));
    const kept = shape(3, 4, {}, ring([0, 0], [8, 0], [8, 8], [0, 8], [0, 0]));
    const tile = decode(encodeShapeLayers([{ name: 'l', features: [flat, orphanHole, point, kept] }], NO_LIMITS));
    expect(tile.layers.l!.length).toBe(1);
    expect(tile.layers.l!.feature(0).id).toBe(4);
  });

  it('writes the label point of a polygon layer as a point', () => {
    const label: RawFeature = { type: 4, id: 9, x: 150, y: 160, tags: { name: '清波' } };
    const tile = decode(encodeShapeLayers([{ name: 'l', features: [label] }], NO_LIMITS));
    expect(tile.layers.l!.feature(0).type).toBe(1);
    expect(rings(tile, 'l', 0)).toEqual([[[150, 160]]]);
    expect(tile.layers.l!.feature(0).properties).toEqual({ name: '清波' });
  });

  it('clips a polygon bigger than the tile at the tile buffer (64 units) through geojson-vt', () => {
    // z2 tile 1/1 spans lon -90..0 and lat 0..66.5; the polygon overlaps it on every side
    const index = new GeoJSONVT({
      type: 'Feature', id: 1, properties: {},
      geometry: { type: 'Polygon', coordinates: [[[-100, -10], [10, -10], [10, 80], [-100, 80], [-100, -10]]] },
    }, { maxZoom: 22, extent: 4096, buffer: 64, tolerance: 3 });
    const features = index.getTileRaw(2, 1, 1)!.features;
    const tile = decode(encodeShapeLayers([{ name: 'l', features }], NO_LIMITS));
    const [outer] = rings(tile, 'l', 0);
    expect(new Set(outer!.map(([x, y]) => `${x},${y}`))).toEqual(new Set(['-64,-64', '4160,-64', '4160,4160', '-64,4160']));
    expect(outer).toHaveLength(5);
  });

  it('keeps the largest features within the byte budget and the per-layer count', () => {
    const squares = Array.from({ length: 300 }, (_, i) => {
      const side = 1 + i;
      return shape(3, i + 1, { n: i }, ring([0, 0], [side, 0], [side, side], [0, side], [0, 0]));
    });
    const capped = decode(encodeShapeLayers([{ name: 'l', features: squares }], { maxFeaturesPerLayer: 10, budget: 500 * 1024 }));
    const ids = Array.from({ length: capped.layers.l!.length }, (_, i) => capped.layers.l!.feature(i).id);
    expect(ids).toEqual([291, 292, 293, 294, 295, 296, 297, 298, 299, 300]);
    const small = encodeShapeLayers([{ name: 'l', features: squares }], { maxFeaturesPerLayer: 50_000, budget: 2000 });
    expect(small.length).toBeLessThanOrEqual(2000);
    const kept = decode(small).layers.l!;
    expect(kept.length).toBeGreaterThan(30);
    // the largest squares, in their order: ids 300 - n + 1 … 300
    const keptIds = Array.from({ length: kept.length }, (_, i) => kept.feature(i).id);
    expect(keptIds).toEqual(Array.from({ length: kept.length }, (_, i) => 300 - kept.length + 1 + i));
    expect(Object.keys(kept.feature(0).properties)).toEqual(['n']);
  });

  it('encodes nothing for layers without features', () => {
    expect(encodeShapeLayers([{ name: 'l', features: [] }], NO_LIMITS).length).toBe(0);
  });
});
