import type { Db } from '../../server/src/db/database';
import { createFeatureRepository } from '../../server/src/features/layers/feature-repository';
import { createLayerRepository } from '../../server/src/features/layers/layer-repository';

/** The district's bounding box (district-facts.md), where synthetic points are drawn. */
export const DISTRICT_BBOX = [120.151, 30.235, 120.169, 30.248] as const;

/** A deterministic pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = ['01-01', '01-02', '02-01', '03-05', '04-02', '05-01'];
const STATES = ['reported', 'registered', 'dispatched', 'handling', 'closed'];

/**
 * Creates (or replaces) a point layer `id` of `count` synthetic cases spread
 * uniformly over the district, with a deterministic seed. Returns the seconds taken.
 */
export function createSyntheticCases(db: Db, id: string, count: number, seed = 20111231): number {
  const started = performance.now();
  const layers = createLayerRepository(db);
  const features = createFeatureRepository(db);
  const now = new Date().toISOString();
  layers.upsert({
    id, title: { zh: '合成案件（基准测试）', en: 'Synthetic cases (benchmark)' }, description: { zh: '基准测试数据', en: 'Benchmark data' },
    group: 'administrative', geometryType: 'Point', style: { color: '#cc79a7' }, options: {}, attribution: 'Synthetic benchmark data', sortOrder: 99,
    schema: { type: 'object', required: [], properties: {
      category: { type: 'string' }, state: { type: 'string' }, reported_on: { type: 'string', format: 'date' }, priority: { type: 'integer' },
    } },
  }, now);
  const rand = random(seed);
  const [w, s, e, n] = DISTRICT_BBOX;
  const base = Date.parse('2011-01-01T00:00:00Z');
  db.transaction(() => {
    features.deleteAllOfLayer(id);
    for (let i = 0; i < count; i += 1) {
      const lon = w + rand() * (e - w);
      const lat = s + rand() * (n - s);
      const props = {
        category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)],
        state: STATES[Math.floor(rand() * STATES.length)],
        reported_on: new Date(base + Math.floor(rand() * 365) * 86400_000).toISOString().slice(0, 10),
        priority: 1 + Math.floor(rand() * 3),
      };
      features.insert({
        layerId: id, geometry: `{"type":"Point","coordinates":[${lon},${lat}]}`, properties: JSON.stringify(props),
        bbox: [lon, lat, lon, lat], datetimeStart: null, datetimeEnd: null,
      }, now);
    }
  })();
  return (performance.now() - started) / 1000;
}
