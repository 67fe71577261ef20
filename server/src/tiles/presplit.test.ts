import GeoJSONVT from 'geojson-vt';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { MAX_MARKED_PER_FEATURE, PRESPLIT, presplit, TileOccupancy } from './presplit';

/** The z/x/y tile holding a WGS84 point (Web Mercator). */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)];
}

/** A square building about `metres` wide centred on lon/lat. */
function building(id: number, lon: number, lat: number, metres = 10): Feature<Polygon> {
  const d = metres / 2 / 111_000;
  const ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]];
  return { type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [ring] }, properties: { floors: id % 7 } };
}

// the centre of a z18 tile near the district, and that tile's size in degrees
const [X18, Y18] = tileOf(120.16, 30.24, 18);
const TILE_DEG = 360 / 2 ** 18;
const centreLon = (X18 + 0.5) * TILE_DEG - 180;
const centreLat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (Y18 + 0.5)) / 2 ** 18))) * 180) / Math.PI;

describe('TileOccupancy', () => {
  it('marks the z18 tile of a small box and all its ancestors, not its neighbours', () => {
    const occupied = new TileOccupancy();
    occupied.add(centreLon - 0.0001, centreLat - 0.0001, centreLon + 0.0001, centreLat + 0.0001);
    for (let z = 0; z <= 18; z += 1) expect(occupied.has(z, X18 >> (18 - z), Y18 >> (18 - z))).toBe(true);
    expect(occupied.has(18, X18 + 1, Y18)).toBe(false);
    expect(occupied.has(18, X18, Y18 - 1)).toBe(false);
    expect(occupied.has(17, (X18 >> 1) + 1, Y18 >> 1)).toBe(false);
  });

  it('counts the tile buffer: a box just inside the east edge marks the east neighbour too', () => {
    const occupied = new TileOccupancy();
    const east = (X18 + 1) * TILE_DEG - 180 - TILE_DEG / 1000;
    occupied.add(east - TILE_DEG / 1000, centreLat, east, centreLat);
    expect(occupied.has(18, X18, Y18)).toBe(true);
    expect(occupied.has(18, X18 + 1, Y18)).toBe(true);
    expect(occupied.has(18, X18 - 1, Y18)).toBe(false);
  });

  it('marks a box wider than MAX_MARKED_PER_FEATURE z18 tiles at a coarser zoom only', () => {
    const occupied = new TileOccupancy();
    // one row of tiles, 21 wide at z18 (more than 16) and 11 at z17: z17 is the deepest zoom marked
    expect(MAX_MARKED_PER_FEATURE).toBe(16);
    occupied.add(centreLon, centreLat, centreLon + 20 * TILE_DEG, centreLat);
    expect(occupied.has(18, X18, Y18)).toBe(false);
    expect(occupied.has(17, X18 >> 1, Y18 >> 1)).toBe(true);
    expect(occupied.has(17, (X18 >> 1) + 5, Y18 >> 1)).toBe(true);
    expect(occupied.has(16, X18 >> 2, Y18 >> 2)).toBe(true);
  });

  it('takes the box of any GeoJSON coordinate nesting', () => {
    const occupied = new TileOccupancy();
    occupied.addCoordinates(building(1, centreLon, centreLat).geometry.coordinates);
    expect(occupied.has(18, X18, Y18)).toBe(true);
    const none = new TileOccupancy();
    none.addCoordinates([]);
    expect(none.has(0, 0, 0)).toBe(false);
  });
});

describe('presplit', () => {
  it('splits down to PRESPLIT.maxZoom under tiny buildings that the simplification drops from low-zoom tiles', async () => {
    const features = [building(1, centreLon, centreLat, 2), building(2, centreLon + 3 * TILE_DEG, centreLat, 2)];
    const index = new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: 22, indexMaxZoom: 5, tolerance: 3, extent: 4096, buffer: 64 });
    expect(index.getTileRaw(0, 0, 0)?.features).toEqual([]);
    const occupied = new TileOccupancy();
    for (const f of features) occupied.addCoordinates(f.geometry.coordinates);
    await new Promise<void>((resolve) => presplit(index, occupied, () => true, resolve));
    const made = new Set(index.tileCoords.map(({ z, x, y }) => `${z}/${x}/${y}`));
    expect(made.has(`${PRESPLIT.maxZoom}/${X18}/${Y18}`)).toBe(true);
    expect(made.has(`${PRESPLIT.maxZoom}/${X18 + 3}/${Y18}`)).toBe(true);
    expect(made.has(`${PRESPLIT.maxZoom}/${X18 + 1}/${Y18}`)).toBe(false);
    expect([...made].some((t) => t.startsWith(`${PRESPLIT.maxZoom + 1}/`))).toBe(false);
    // the tiles split ahead hold what a tile split on demand holds
    const fresh = new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: 22, indexMaxZoom: 5, tolerance: 3, extent: 4096, buffer: 64 });
    expect(index.getTileRaw(18, X18, Y18)?.features).toEqual(fresh.getTileRaw(18, X18, Y18)?.features);
    expect(index.getTileRaw(18, X18, Y18)?.features).toHaveLength(1);
  });

  it('stops when the index is no longer live', async () => {
    const features = [building(1, centreLon, centreLat, 2)];
    const index = new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: 22, indexMaxZoom: 5, tolerance: 3, extent: 4096, buffer: 64 });
    const occupied = new TileOccupancy();
    occupied.addCoordinates(features[0]!.geometry.coordinates);
    const before = index.tileCoords.length;
    presplit(index, occupied, () => false);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(index.tileCoords.length).toBe(before);
  });
});
