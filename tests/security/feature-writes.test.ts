import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '../../server/src/db/database';
import { writeFixtureDataDir } from '../helpers/fixture-data';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

let s: SecuredApp;
let planner: string;
let admin: string;

/** The fixture district plus a polygon layer planners may edit. */
function dataDir(): string {
  return writeFixtureDataDir((files) => {
    files['layers.json'].push({
      id: 'blocks', title: { zh: '街区', en: 'Blocks' }, group: 'renovation', geometryType: 'Polygon',
      file: 'layers/blocks.geojson', style: { color: '#7570b3' }, withinDistrict: true,
      schema: {
        type: 'object', required: ['name'], additionalProperties: false,
        properties: { name: { type: 'string' }, floors: { type: 'integer', minimum: 1 }, area_m2: { type: 'number', minimum: 0 }, note: { type: 'string', 'x-long-text': true } },
      },
    });
    files['layers/blocks.geojson'] = { type: 'FeatureCollection', features: [] };
  });
}

beforeAll(async () => {
  s = await createSecuredApp({}, dataDir());
  planner = await s.cookieFor('planner');
  admin = await s.cookieFor('admin');
});

const IN = [120.161, 30.241];
const room = (props: Record<string, unknown> = {}) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: IN }, properties: { name: '垃圾房', name_en: 'Room', status: 'open', ...props },
});
const block = (ring: number[][], props: Record<string, unknown> = {}) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { name: '街区', ...props } });
const SQUARE = [[120.155, 30.235], [120.156, 30.235], [120.156, 30.236], [120.155, 30.236], [120.155, 30.235]];

const send = (method: 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown, cookie = planner) => {
  const req = request(s.app)[method](path).set('Cookie', cookie);
  return body === undefined ? req : req.set('Content-Type', 'application/geo+json').send(typeof body === 'string' ? body : JSON.stringify(body));
};
const post = (layer: string, body: unknown, cookie = planner) => send('post', `/ogc/collections/${layer}/items`, body, cookie);
const count = (layer: string) => s.db.prepare('SELECT count(*) FROM features WHERE layer_id = ?').pluck().get(layer) as number;
const stored = (id: number) => s.db.prepare(`SELECT geometry, ${isPostgres(s.db) ? 'properties::text' : 'json(properties)'} AS properties, version FROM features WHERE id = ?`).get(id) as { geometry: string; properties: string; version: number };
const firstId = (layer: string) => s.db.prepare('SELECT id FROM features WHERE layer_id = ? ORDER BY id LIMIT 1').pluck().get(layer) as number;

/** A write refused for its content: 422 with the problem list (OGC API – Features Part 4). */
function refused(res: request.Response, path: string, message: RegExp): void {
  expect(res.status, res.text).toBe(422);
  expect(res.body.error.code).toBe('invalid_feature');
  expect(res.body.error.details).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
}

describe('numbers are bounded by the layer schema (item 1)', () => {
  it('refuses integers beyond ±2^53 and numbers beyond ±1e15, naming the property, and writes nothing', async () => {
    const before = count('garbage-rooms');
    refused(await post('garbage-rooms', '{"type":"Feature","geometry":{"type":"Point","coordinates":[120.161,30.241]},'
      + '"properties":{"name":"a","name_en":"a","status":"open","households_served":18446744073709551616}}'), 'properties.households_served', /must be <= 9007199254740991/);
    refused(await post('garbage-rooms', room({ households_served: 1e21 })), 'properties.households_served', /must be <=/);
    refused(await post('blocks', block(SQUARE, { floors: 1e21 })), 'properties.floors', /must be <=/);
    refused(await post('blocks', block(SQUARE, { area_m2: 1e21 })), 'properties.area_m2', /must be <= 1000000000000000/);
    refused(await post('blocks', block(SQUARE, { area_m2: -1e16 })), 'properties.area_m2', /must be >= 0/);
    expect(count('garbage-rooms')).toBe(before);
  });

  it('accepts the largest exact integer and 1e15', async () => {
    expect((await post('garbage-rooms', room({ households_served: 9007199254740991 }))).status).toBe(201);
    expect((await post('blocks', block(SQUARE, { area_m2: 1e15 }))).status).toBe(201);
  });

  it('refuses them in a PATCH and in an import too', async () => {
    const id = firstId('garbage-rooms');
    const before = stored(id);
    refused(await send('patch', `/ogc/collections/garbage-rooms/items/${id}`, { properties: { households_served: 1e21 } }), 'properties.households_served', /must be <=/);
    expect(stored(id)).toEqual(before);
    const text = JSON.stringify({ type: 'FeatureCollection', features: [room({ households_served: 1e21 })] });
    const res = await request(s.app).post('/api/layers/garbage-rooms/import').set('Cookie', planner).send({ text });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.error.details.features[0].errors)).toMatch(/households_served.*must be <=/);
  });
});

describe('polygon checks are bounded (item 3)', () => {
  const star = (n: number) => {
    const k = Math.floor(n / 2) - 1;
    const ring = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * ((i * k) % n)) / n;
      return [+(120.16 + 0.004 * Math.cos(a)).toFixed(7), +(30.24 + 0.004 * Math.sin(a)).toFixed(7)];
    });
    return [...ring, ring[0]!];
  };
  const circle = (n: number) => {
    const ring = Array.from({ length: n }, (_, i) => [120.16 + 0.004 * Math.cos((2 * Math.PI * i) / n), 30.24 + 0.004 * Math.sin((2 * Math.PI * i) / n)]);
    return [...ring, ring[0]!];
  };

  it('refuses a self-crossing star of 6,001 vertices with 400', async () => {
    refused(await post('blocks', block(star(6001))), 'geometry.coordinates', /^polygon intersects itself near \[/);
  });

  it('refuses a geometry of more than 10,000 positions with 400, and accepts a valid one at the cap', async () => {
    refused(await post('blocks', block(circle(20_000))), 'geometry.coordinates', /at most 10000 positions/);
    expect((await post('blocks', block(circle(9_999)))).status).toBe(201);
  });
});

describe('malformed geometries answer 422, never 500 (item 6)', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('refuses coordinates nested deeper than the type allows', async () => {
    for (const coordinates of [deep(10_000), `[${deep(10_000)}]`, `[[${deep(10_000)},[1,2],[3,4],[1,2]]]`]) {
      const res = await post('blocks', `{"type":"Feature","geometry":{"type":"Polygon","coordinates":${coordinates}},"properties":{"name":"a"}}`);
      expect(res.status, res.text).toBe(422);
    }
    const point = await post('garbage-rooms', `{"type":"Feature","geometry":{"type":"Point","coordinates":[[120.16,30.24]]},"properties":{"name":"a","name_en":"a","status":"open"}}`);
    refused(point, 'geometry.coordinates', /a position must be/);
  });

  it('answers a 1 MB body of nested arrays as a geometry with 422', async () => {
    const res = await post('blocks', `{"type":"Feature","geometry":{"type":"Polygon","coordinates":${deep(500_000)}},"properties":{"name":"a"}}`);
    expect(res.status, res.text).toBe(422);
    const asType = await post('blocks', `{"type":"Feature","geometry":{"type":${deep(100_000)},"coordinates":[]},"properties":{"name":"a"}}`);
    refused(asType, 'geometry.type', /got a list/);
  });

  it('answers a whole body or a property value of deep nesting with 422, and a long unknown name without echoing it', async () => {
    expect((await post('garbage-rooms', deep(400_000))).status).toBe(422);
    const id = firstId('garbage-rooms');
    expect((await send('patch', `/ogc/collections/garbage-rooms/items/${id}`, deep(400_000))).status).toBe(422);
    refused(await post('garbage-rooms', `{"type":"Feature","geometry":{"type":"Point","coordinates":[120.161,30.241]},"properties":{"name":${deep(100_000)},"name_en":"a","status":"open"}}`),
      'properties.name', /must be string/);
    const res = await post('garbage-rooms', room({ ['k'.repeat(500_000)]: 1 }));
    refused(res, 'properties', /^unknown property "k{64}…"$/);
    expect(res.text.length).toBeLessThan(2000);
  });

  it('stores a geometry whose extra member is nested 10,000 deep without it (it was a 500)', async () => {
    const res = await post('garbage-rooms', `{"type":"Feature","geometry":{"type":"Point","coordinates":[120.161,30.241],"x":${deep(10_000)}},"properties":{"name":"a","name_en":"a","status":"open"}}`);
    expect(res.status, res.text).toBe(201);
    expect(JSON.parse(stored(res.body.id).geometry)).toEqual({ type: 'Point', coordinates: [120.161, 30.241] });
  });
});

describe('property objects cannot be given a prototype (item 9)', () => {
  it('refuses a PATCH that hides required properties behind __proto__ and leaves the feature as it was', async () => {
    const id = firstId('garbage-rooms');
    const before = stored(id);
    const res = await send('patch', `/ogc/collections/garbage-rooms/items/${id}`,
      '{"properties":{"name":null,"status":null,"__proto__":{"name":"x","status":"in_service"}}}');
    refused(res, 'properties.__proto__', /not allowed/);
    expect(stored(id)).toEqual(before);
    expect(JSON.parse(stored(id).properties)).toMatchObject({ name: expect.any(String), status: expect.any(String) });
  });

  it('validates the merged properties of a PATCH: removing a required one is refused', async () => {
    const id = firstId('garbage-rooms');
    refused(await send('patch', `/ogc/collections/garbage-rooms/items/${id}`, { properties: { name: null } }), 'properties', /must have required property 'name'/);
  });

  it('refuses __proto__, constructor and prototype keys in POST and PUT bodies and in geometries', async () => {
    const id = firstId('garbage-rooms');
    const body = (props: string, geometry = '{"type":"Point","coordinates":[120.161,30.241]}', top = '') =>
      `{"type":"Feature"${top},"geometry":${geometry},"properties":{"name_en":"a","status":"open",${props}}}`;
    refused(await post('garbage-rooms', body('"__proto__":{"name":"x"}')), 'properties.__proto__', /not allowed/);
    refused(await post('garbage-rooms', body('"name":"a","constructor":"x"')), 'properties.constructor', /not allowed/);
    refused(await send('put', `/ogc/collections/garbage-rooms/items/${id}`, body('"name":"a","prototype":1')), 'properties.prototype', /not allowed/);
    refused(await post('garbage-rooms', body('"name":"a"', '{"type":"Point","coordinates":[120.161,30.241],"__proto__":{"bbox":[0,0,1,1]}}')), 'geometry.__proto__', /not allowed/);
    refused(await post('garbage-rooms', body('"name":"a"', undefined, ',"__proto__":{"type":"Feature"}')), '__proto__', /not allowed/);
  });
});

describe('only type and coordinates of a geometry are stored (item 10)', () => {
  it('drops a false bbox and arbitrary members of the geometry and unknown members of the feature', async () => {
    const junk = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, 'x'.repeat(100)]));
    const body = { type: 'Feature', foo: 'bar', bbox: [0, 0, 1, 1], geometry: { type: 'Point', coordinates: IN, bbox: [0, 0, 180, 90], ...junk }, properties: room().properties };
    const res = await post('garbage-rooms', body);
    expect(res.status, res.text).toBe(201);
    expect(res.body.geometry).toEqual({ type: 'Point', coordinates: IN });
    expect(res.body).not.toHaveProperty('foo');
    expect(JSON.parse(stored(res.body.id).geometry)).toEqual({ type: 'Point', coordinates: IN });
    const served = await request(s.app).get(`/ogc/collections/garbage-rooms/items/${res.body.id}`);
    expect(served.body.geometry).toEqual({ type: 'Point', coordinates: IN });
  });
});

describe('required names, string lengths and degenerate geometries (item 12)', () => {
  it('refuses blank and whitespace-only required strings', async () => {
    refused(await post('garbage-rooms', room({ name: '' })), 'properties.name', /must not be blank/);
    refused(await post('garbage-rooms', room({ name: ' \t\u3000\n ' })), 'properties.name', /must not be blank/);
    const id = firstId('garbage-rooms');
    refused(await send('patch', `/ogc/collections/garbage-rooms/items/${id}`, { properties: { name_en: '   ' } }), 'properties.name_en', /must not be blank/);
  });

  it('caps strings at 500 characters, long text at 4,000, and refuses a 900 KB string', async () => {
    expect((await post('garbage-rooms', room({ name: '名'.repeat(500) }))).status).toBe(201);
    refused(await post('garbage-rooms', room({ name: '名'.repeat(501) })), 'properties.name', /must NOT have more than 500 characters/);
    expect((await post('blocks', block(SQUARE, { note: 'x'.repeat(4000) }))).status).toBe(201);
    refused(await post('blocks', block(SQUARE, { note: 'x'.repeat(4001) })), 'properties.note', /more than 4000 characters/);
    refused(await post('garbage-rooms', room({ name_en: 'x'.repeat(900 * 1024) })), 'properties.name_en', /more than 500 characters/);
  });

  it('refuses zero-area polygons and zero-length lines', async () => {
    const [a, b] = [[120.155, 30.235], [120.156, 30.236]];
    refused(await post('blocks', block([a, b, [120.157, 30.237], a])), 'geometry.coordinates[0]', /zero area/);
    refused(await post('blocks', block([a, b, b, a])), 'geometry.coordinates[0]', /at least 3 distinct positions/);
    const line = { type: 'Feature', geometry: { type: 'LineString', coordinates: [a, a] }, properties: { name: '巷', name_en: 'Lane' } };
    refused(await post('alleys', line), 'geometry.coordinates', /zero length/);
  });
});

describe('the district boundary (item 13)', () => {
  const boundaryId = () => firstId('district-boundary');
  const outline = [[120.15, 30.23], [120.17, 30.23], [120.17, 30.25], [120.15, 30.25], [120.15, 30.23]];
  const boundary = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [outline] }, properties: { name: '测试街道' } };

  it('is admin-only for every write: 403 for planners', async () => {
    const id = boundaryId();
    const before = stored(id);
    for (const res of [
      await post('district-boundary', boundary),
      await send('put', `/ogc/collections/district-boundary/items/${id}`, boundary),
      await send('patch', `/ogc/collections/district-boundary/items/${id}`, { properties: { name: '新' } }),
      await send('delete', `/ogc/collections/district-boundary/items/${id}`),
    ]) {
      expect(res.status, res.text).toBe(403);
      expect(res.body.error.code).toBe('admin_only');
    }
    expect(stored(id)).toEqual(before);
    const text = JSON.stringify({ type: 'FeatureCollection', features: [boundary] });
    const imported = await request(s.app).post('/api/layers/district-boundary/import').set('Cookie', planner).send({ text });
    expect(imported.status).toBe(403);
    expect(count('district-boundary')).toBe(1);
  });

  it('lets an admin edit it, but never delete its last feature (409), so the in-district check stays on', async () => {
    const id = boundaryId();
    expect((await send('patch', `/ogc/collections/district-boundary/items/${id}`, { properties: { name: '清波街道' } }, admin)).status).toBe(200);
    const res = await send('delete', `/ogc/collections/district-boundary/items/${id}`, undefined, admin);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'last_feature', message: expect.stringMatching(/last feature/) });
    expect(count('district-boundary')).toBe(1);
    refused(await post('garbage-rooms', { ...room(), geometry: { type: 'Point', coordinates: [116.4, 39.9] } }), 'geometry', /outside the district/);
  });

  it('lets an admin delete a boundary feature while another remains', async () => {
    const extra = await post('district-boundary', boundary, admin);
    expect(extra.status, extra.text).toBe(201);
    expect((await send('delete', `/ogc/collections/district-boundary/items/${extra.body.id}`, undefined, admin)).status).toBe(204);
    expect(count('district-boundary')).toBe(1);
  });
});
