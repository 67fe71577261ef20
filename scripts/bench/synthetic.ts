import type { Db } from '../../server/src/db/database';
import { createFeatureRepository, createLayerRepository } from '../../server/src/features/layers';

/** The district's bounding box (estimated), where synthetic points are drawn. */
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

/** Category codes of synthetic cases. */
export const SYNTHETIC_CATEGORIES = ['01-01', '01-02', '02-01', '03-05', '04-02', '05-01'];
/** States of synthetic cases. */
export const SYNTHETIC_STATES = ['reported', 'registered', 'dispatched', 'handling', 'closed'];

/** One synthetic case point; `n` is its 1-based position, which is also its feature id in a fresh layer. */
export interface SyntheticCase {
  n: number;
  lon: number;
  lat: number;
  category: string;
  state: string;
  reportedOn: string;
  priority: number;
}

/** The same `count` case points for a seed, every time: uniform over the district. */
export function* syntheticCases(count: number, seed = 20111231): Generator<SyntheticCase> {
  const rand = random(seed);
  const [w, s, e, n] = DISTRICT_BBOX;
  const base = Date.parse('2011-01-01T00:00:00Z');
  for (let i = 0; i < count; i += 1) {
    const lon = w + rand() * (e - w);
    const lat = s + rand() * (n - s);
    yield {
      n: i + 1, lon, lat,
      category: SYNTHETIC_CATEGORIES[Math.floor(rand() * SYNTHETIC_CATEGORIES.length)]!,
      state: SYNTHETIC_STATES[Math.floor(rand() * SYNTHETIC_STATES.length)]!,
      reportedOn: new Date(base + Math.floor(rand() * 365) * 86400_000).toISOString().slice(0, 10),
      priority: 1 + Math.floor(rand() * 3),
    };
  }
}

/** One synthetic building footprint: an axis-aligned square ring (closed) of 8–30 m. */
export interface SyntheticBuilding {
  n: number;
  ring: [number, number][];
  floors: number;
  use: string;
}

const USES = ['residential', 'shop', 'office', 'public', 'heritage'];

/** The same `count` small building-like squares for a seed, every time, inside the district. */
export function* syntheticBuildings(count: number, seed = 20110701): Generator<SyntheticBuilding> {
  const rand = random(seed);
  const [w, s, e, n] = DISTRICT_BBOX;
  const metresPerDegLat = 111_320;
  const metresPerDegLon = metresPerDegLat * Math.cos((((s + n) / 2) * Math.PI) / 180);
  for (let i = 0; i < count; i += 1) {
    const side = 8 + rand() * 22;
    const dLon = side / metresPerDegLon;
    const dLat = side / metresPerDegLat;
    const x = w + rand() * (e - w - dLon);
    const y = s + rand() * (n - s - dLat);
    yield {
      n: i + 1,
      ring: [[x, y], [x + dLon, y], [x + dLon, y + dLat], [x, y + dLat], [x, y]],
      floors: 1 + Math.floor(rand() * 12),
      use: USES[Math.floor(rand() * USES.length)]!,
    };
  }
}

function upsertLayer(db: Db, id: string, geometryType: 'Point' | 'Polygon', title: { zh: string; en: string }, properties: Record<string, unknown>, now: string): void {
  createLayerRepository(db).upsert({
    id, title, description: { zh: '基准测试数据', en: 'Benchmark data' },
    group: 'administrative', geometryType, style: { color: '#cc79a7' }, options: {}, attribution: 'Synthetic benchmark data', sortOrder: 99,
    schema: { type: 'object', required: [], properties: properties as never },
  }, now);
}

/**
 * Creates (or replaces) a point layer `id` of `count` synthetic cases spread
 * uniformly over the district, with a deterministic seed. Returns the seconds taken.
 */
export function createSyntheticCases(db: Db, id: string, count: number, seed = 20111231): number {
  const started = performance.now();
  const features = createFeatureRepository(db);
  const now = new Date().toISOString();
  upsertLayer(db, id, 'Point', { zh: '合成案件（基准测试）', en: 'Synthetic cases (benchmark)' }, {
    // the value lists make the layer's state and category indexed (one partial index each), as a catalogue's enums do
    category: { type: 'string', enum: SYNTHETIC_CATEGORIES }, state: { type: 'string', enum: SYNTHETIC_STATES },
    reported_on: { type: 'string', format: 'date' }, priority: { type: 'integer' },
  }, now);
  db.transaction(() => {
    features.deleteAllOfLayer(id);
    for (const c of syntheticCases(count, seed)) {
      const props = { category: c.category, state: c.state, reported_on: c.reportedOn, priority: c.priority };
      features.insert({
        layerId: id, geometry: `{"type":"Point","coordinates":[${c.lon},${c.lat}]}`, properties: JSON.stringify(props),
        bbox: [c.lon, c.lat, c.lon, c.lat], datetimeStart: null, datetimeEnd: null,
      }, now);
    }
  })();
  return (performance.now() - started) / 1000;
}

/** Creates (or replaces) a polygon layer `id` of `count` synthetic buildings. Returns the seconds taken. */
export function createSyntheticBuildings(db: Db, id: string, count: number, seed = 20110701): number {
  const started = performance.now();
  const features = createFeatureRepository(db);
  const now = new Date().toISOString();
  upsertLayer(db, id, 'Polygon', { zh: '合成建筑（基准测试）', en: 'Synthetic buildings (benchmark)' }, {
    floors: { type: 'integer' }, use: { type: 'string' },
  }, now);
  db.transaction(() => {
    features.deleteAllOfLayer(id);
    for (const b of syntheticBuildings(count, seed)) {
      const [[x0, y0], , [x1, y1]] = b.ring as [[number, number], unknown, [number, number]];
      features.insert({
        layerId: id, geometry: JSON.stringify({ type: 'Polygon', coordinates: [b.ring] }), properties: JSON.stringify({ floors: b.floors, use: b.use }),
        bbox: [x0, y0, x1, y1], datetimeStart: null, datetimeEnd: null,
      }, now);
    }
  })();
  return (performance.now() - started) / 1000;
}
