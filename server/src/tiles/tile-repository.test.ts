import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { createFeatureRepository, createLayerRepository } from '../features/layers';
import { createTileRepository } from './tile-repository';

const NOW = '2011-12-31T00:00:00.000Z';

function setUp() {
  const db = openDatabase(':memory:');
  const layers = createLayerRepository(db);
  const layer = {
    id: 'spots', title: { zh: '点', en: 'Spots' }, description: { zh: '', en: '' }, group: 'services' as const, geometryType: 'Point' as const,
    schema: { type: 'object' as const, required: [], properties: { name: { type: 'string' as const } } }, style: { color: '#000' }, options: {}, attribution: '', sortOrder: 0,
  };
  layers.upsert(layer, NOW);
  const features = createFeatureRepository(db);
  const add = (name: string) => features.insert({
    layerId: 'spots', geometry: '{"type":"Point","coordinates":[120.16,30.24]}', properties: JSON.stringify({ name }),
    bbox: [120.16, 30.24, 120.16, 30.24], datetimeStart: null, datetimeEnd: null,
  }, NOW);
  return { db, layers, layer, features, add, tiles: createTileRepository(db) };
}

describe('the feature change log', () => {
  it('names the features each version inserted, updated or deleted', () => {
    const { features, add, tiles } = setUp();
    const v0 = tiles.version('spots')!;
    const a = add('a');
    const b = add('b');
    features.remove('spots', a);
    expect(tiles.version('spots')).toBe(v0 + 3);
    expect(tiles.changedFeatures('spots', v0, v0 + 3)).toEqual([a, b]);
    expect(tiles.changedFeatures('spots', v0 + 2, v0 + 3)).toEqual([a]);
    expect(tiles.pointsByIds('spots', [a, b]).map((p) => p.properties)).toEqual([{ name: 'b' }]);
  });

  it('has no answer across a version bumped by a layer definition change, or older than it keeps', () => {
    const { db, layers, layer, add, tiles } = setUp();
    const v0 = tiles.version('spots')!;
    add('a');
    layers.upsert(layer, NOW);
    add('b');
    expect(tiles.changedFeatures('spots', v0, v0 + 3)).toBeUndefined();
    expect(tiles.changedFeatures('spots', v0 + 2, v0 + 3)).toHaveLength(1);
    db.transaction(() => { for (let i = 0; i < 4400; i += 1) add(`n${i}`); })();
    const now = tiles.version('spots')!;
    expect(tiles.changedFeatures('spots', now - 4096, now)).toHaveLength(4096);
    expect(tiles.changedFeatures('spots', v0 + 2, now)).toBeUndefined();
    const kept = db.prepare("SELECT count(*) FROM feature_changes WHERE layer_id = 'spots'").pluck().get() as number;
    expect(kept).toBeGreaterThanOrEqual(4096);
    expect(kept).toBeLessThan(4096 + 256);
  });

  it('is dropped with its layer', () => {
    const { db, add } = setUp();
    add('a');
    db.prepare("DELETE FROM layers WHERE id = 'spots'").run();
    expect(db.prepare('SELECT count(*) FROM feature_changes').pluck().get()).toBe(0);
  });
});
