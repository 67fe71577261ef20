import request from 'supertest';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorkGate } from '../../server/src/features/photos/work-gate';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

let s: SecuredApp;
let cookie: string;

beforeAll(async () => {
  s = await createSecuredApp();
  cookie = await s.cookieFor('planner');
});

function importFile(layerId: string, text: string, name: string, app = s) {
  return request(app.app).post(`/api/layers/${layerId}/import`).set('Cookie', cookie).attach('file', Buffer.from(text, 'utf8'), name).field('dryRun', 'true');
}

const features = (layerId: string) => s.db.prepare('SELECT count(*) FROM features WHERE layer_id = ?').pluck().get(layerId) as number;

const room = (i: number) => JSON.stringify({
  type: 'Feature', geometry: { type: 'Point', coordinates: [120.155 + (i % 100) * 1e-5, 30.235] }, properties: { name: `房${i}`, name_en: `Room ${i}`, status: 'open' },
});

/** A line of `n` positions inside the fixture district. */
const line = (n: number, name: string) => JSON.stringify({
  type: 'Feature', properties: { name, name_en: name },
  geometry: { type: 'LineString', coordinates: Array.from({ length: n }, (_, i) => [Number((120.155 + i * 1e-7).toFixed(7)), Number((30.24 + (i % 2) * 1e-5).toFixed(5))]) },
});

describe('import limits are applied while reading', () => {
  it('stops a CSV at the 2,000-feature limit: rows past it are never parsed (an unclosed quote there goes unseen)', async () => {
    const rows = Array.from({ length: 2_001 }, (_, i) => `120.155,30.235,房${i},Room ${i},open`).join('\n');
    const res = await importFile('garbage-rooms', `lon,lat,name,name_en,status\n${rows}\n"never closed,1,2\n${'x,y\n'.repeat(50_000)}`, 'rooms.csv');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'too_many_features', details: { limit: 2_000 } });
    expect(res.body.error.message).toBe('the file holds more than 2000 features; import at most 2000 at once');
  });

  it('stops a GeoJSON FeatureCollection at the 2,000-feature limit: features past it are never parsed', async () => {
    const list = Array.from({ length: 2_001 }, (_, i) => room(i)).join(',');
    const res = await importFile('garbage-rooms', `{"type":"FeatureCollection","features":[${list},{"type": oops not json}]}`, 'rooms.geojson');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'too_many_features', details: { limit: 2_000 } });
  });

  it('refuses a FeatureCollection of a million tiny features early, with the same 400', async () => {
    const res = await importFile('garbage-rooms', `{"type":"FeatureCollection","features":[${'{},'.repeat(1_000_000)}{}]}`, 'tiny.geojson');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('too_many_features');
  });

  it('refuses a file past the budget of 200,000 positions in all (400 too_many_vertices), counting as it reads', async () => {
    const lines = Array.from({ length: 21 }, (_, i) => line(10_000, `巷${i}`)).join(',');
    const res = await importFile('alleys', `{"type":"FeatureCollection","features":[${lines},{"type": oops}]}`, 'alleys.geojson');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'too_many_vertices', details: { limit: 200_000 } });
    expect(res.body.error.message).toMatch(/more than 200000 positions \(vertices\)/);
  });

  it('counts the positions of a CSV geometry column too', async () => {
    const rows = Array.from({ length: 21 }, (_, i) => `巷${i},Alley ${i},"${JSON.stringify(JSON.parse(line(10_000, 'x')).geometry).replaceAll('"', '""')}"`).join('\n');
    const res = await importFile('alleys', `name,name_en,geometry\n${rows}\n`, 'alleys.csv');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('too_many_vertices');
  });

  it('refuses one GeoJSON feature of more than 2 MB of text (400 feature_too_large) without parsing it', async () => {
    const huge = JSON.stringify({ type: 'Feature', properties: { name: 'x', name_en: 'x', before_desc: 'y'.repeat(2 * 1024 * 1024) }, geometry: { type: 'LineString', coordinates: [[120.155, 30.24], [120.157, 30.241]] } });
    const res = await importFile('alleys', `{"type":"FeatureCollection","features":[${huge}]}`, 'alley.geojson');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'feature_too_large', details: { index: 0, limit: 2 * 1024 * 1024 } });
    const single = await importFile('alleys', huge, 'alley.geojson');
    expect(single.status).toBe(400);
    expect(single.body.error.code).toBe('feature_too_large');
  });

  it('reports a feature nested 5,000 arrays deep as invalid (422, without echoing it) instead of failing with 500', async () => {
    const deep = `${'['.repeat(5_000)}120.16,30.24${']'.repeat(5_000)}`;
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":${deep}},"properties":{"name":"x","name_en":"x","status":"open"}}]}`;
    const res = await request(s.app).post('/api/layers/garbage-rooms/import').set('Cookie', cookie).send({ text });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_features');
    expect(res.body.error.details.features[0]).toMatchObject({ index: 0, ok: false });
    expect(res.body.error.details.features[0]).not.toHaveProperty('feature');
  });

  it('still imports a file just within the limits: 2,000 CSV rows', async () => {
    const before = features('garbage-rooms');
    const rows = Array.from({ length: 2_000 }, (_, i) => `${(120.152 + (i % 1000) * 1e-5).toFixed(5)},${(30.232 + Math.floor(i / 1000) * 1e-4).toFixed(4)},房${i},Room ${i},open`).join('\n');
    const res = await request(s.app).post('/api/layers/garbage-rooms/import').set('Cookie', cookie).attach('file', Buffer.from(`lon,lat,name,name_en,status\n${rows}\n`), 'rooms.csv');
    expect(res.status).toBe(201);
    expect(res.body.totals).toMatchObject({ features: 2_000, valid: 2_000, imported: 2_000 });
    expect(features('garbage-rooms')).toBe(before + 2_000);
  });
});

describe('imports share the event loop', () => {
  it('answers a health check sent while an import at the limits (2,000 lines, 200,000 vertices) is read and validated, before that import ends', async () => {
    const gate = createWorkGate({ concurrency: 1, queue: 1 });
    const app = await createSecuredApp({}, undefined, { uploads: { importGate: gate } });
    const lines = Array.from({ length: 2_000 }, (_, i) => line(100, `巷${i}`)).join(',');
    const order: string[] = [];
    const running = request(app.app).post('/api/layers/alleys/import').set('Cookie', await app.cookieFor('planner'))
      .attach('file', Buffer.from(`{"type":"FeatureCollection","features":[${lines}]}`), 'alleys.geojson').field('dryRun', 'true')
      .then((res) => order.push(`import ${res.status}`));
    await vi.waitFor(() => expect(gate.running).toBe(1), { interval: 1, timeout: 20_000 });
    const health = await request(app.app).get('/api/health');
    order.push(`health ${health.status}`);
    await running;
    expect(order).toEqual(['health 200', 'import 200']);
  });

  it('lets imports wait for the one import slot and refuses more than the queue with 503 + Retry-After', async () => {
    const gate = createWorkGate({ concurrency: 1, queue: 0, retryAfterSeconds: 5 });
    const app = await createSecuredApp({}, undefined, { uploads: { importGate: gate } });
    const release = await gate.acquire();
    const res = await request(app.app).post('/api/layers/garbage-rooms/import').set('Cookie', await app.cookieFor('planner')).send({ text: room(1), dryRun: true });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.code).toBe('busy');
    release();
    expect((await request(app.app).post('/api/layers/garbage-rooms/import').set('Cookie', await app.cookieFor('planner')).send({ text: room(1), dryRun: true })).status).toBe(200);
  });
});
