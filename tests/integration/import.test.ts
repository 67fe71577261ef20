import gcoord from 'gcoord';
import * as turf from '@turf/turf';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '../../server/src/db/database';
import { createSecuredApp, type SecuredApp } from '../helpers/session';
import { writeFixtureDataDir } from '../helpers/fixture-data';
import { createCasesApp } from '../helpers/cases';

let s: SecuredApp;
let cookie: string;

/** The fixture plus `landmarks`, a point layer that may reach beyond the district. */
function dataDir(): string {
  return writeFixtureDataDir((files) => {
    files['layers.json'].push({
      id: 'landmarks', title: { zh: '地标', en: 'Landmarks' }, group: 'services', geometryType: 'Point',
      file: 'layers/landmarks.geojson', style: { color: '#666666' },
      schema: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' } } },
    });
    files['layers/landmarks.geojson'] = { type: 'FeatureCollection', features: [] };
  });
}

beforeAll(async () => {
  s = await createSecuredApp({}, dataDir());
  cookie = await s.cookieFor('planner');
});

const room = (name: string, coordinates: number[], extra: Record<string, unknown> = {}) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { name, name_en: `Room ${name}`, status: 'open', ...extra },
});
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

interface Upload { text: string | Buffer; name?: string; crs?: string; dryRun?: boolean; onlyValid?: boolean; format?: string }
function upload(layerId: string, u: Upload, as = cookie) {
  let req = request(s.app).post(`/api/layers/${layerId}/import`).set('Cookie', as)
    .attach('file', Buffer.isBuffer(u.text) ? u.text : Buffer.from(u.text, 'utf8'), u.name ?? 'data.geojson')
    .field('crs', u.crs ?? 'wgs84');
  if (u.dryRun) req = req.field('dryRun', 'true');
  if (u.onlyValid) req = req.field('onlyValid', 'true');
  if (u.format) req = req.field('format', u.format);
  return req;
}

const count = (layerId: string) => (s.db.prepare('SELECT count(*) AS n FROM features WHERE layer_id = ?').get(layerId) as { n: number }).n;
const version = (layerId: string) => (s.db.prepare('SELECT version FROM layers WHERE id = ?').get(layerId) as { version: number }).version;
const audits = () => (s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'import'").get() as { n: number }).n;

describe('POST /api/layers/:layerId/import — GeoJSON', () => {
  it('dry run reports every feature and writes nothing', async () => {
    const before = [count('garbage-rooms'), version('garbage-rooms'), audits()];
    const res = await upload('garbage-rooms', { text: collection(room('甲', [120.155, 30.235]), room('乙', [120.156, 30.236])), dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, committed: false, format: 'geojson', totals: { features: 2, valid: 2, invalid: 0, imported: 0 } });
    expect(res.body.features[0]).toMatchObject({ index: 0, ok: true, errors: [], warnings: [], feature: { geometry: { coordinates: [120.155, 30.235] } } });
    expect([count('garbage-rooms'), version('garbage-rooms'), audits()]).toEqual(before);
  });

  it('commits valid features in one go: 201, new ids readable over OGC, version bumped, one audit entry', async () => {
    const [n, v, a] = [count('garbage-rooms'), version('garbage-rooms'), audits()];
    const res = await upload('garbage-rooms', { text: collection(room('丙', [120.157, 30.237], { households_served: 80 }), room('丁', [120.158, 30.238])), name: '新垃圾房.geojson' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ committed: true, totals: { imported: 2 } });
    expect(res.body.ids).toHaveLength(2);
    expect(count('garbage-rooms')).toBe(n + 2);
    expect(version('garbage-rooms')).toBeGreaterThan(v);
    expect(res.body.layerVersion).toBe(version('garbage-rooms'));
    const read = await request(s.app).get(`/ogc/collections/garbage-rooms/items/${res.body.ids[0]}`);
    expect(read.body.properties).toMatchObject({ name: '丙', households_served: 80 });
    expect(audits()).toBe(a + 1);
    const entry = s.db.prepare("SELECT * FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1").get() as { username: string; entity: string; summary: string };
    expect(entry).toMatchObject({ username: 'planner', entity: 'feature:garbage-rooms' });
    expect(JSON.parse(entry.summary)).toMatchObject({ count: 2, skipped: 0, format: 'geojson', crs: 'wgs84', file: '新垃圾房.geojson' });
  });

  it('accepts a single Feature and the text in a JSON body', async () => {
    const res = await request(s.app).post('/api/layers/garbage-rooms/import').set('Cookie', cookie)
      .send({ text: JSON.stringify(room('戊', [120.159, 30.239])), crs: 'wgs84', dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ features: 1, valid: 1 });
  });

  it('reports per-feature errors and writes nothing when any feature is invalid', async () => {
    const [n, v, a] = [count('garbage-rooms'), version('garbage-rooms'), audits()];
    const text = collection(
      room('好', [120.155, 30.235]),
      room('坏', [120.155, 30.235], { status: 'burning', colour: 'red' }),
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[120.155, 30.235], [120.156, 30.236]] }, properties: { name: '线', name_en: 'L', status: 'open' } },
      room('外', [120.3, 30.3]),
      'not a feature',
    );
    const res = await upload('garbage-rooms', { text });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_features');
    const report = res.body.error.details;
    expect(report.totals).toMatchObject({ features: 5, valid: 1, invalid: 4, imported: 0 });
    const errors = report.features.map((f: { errors: { path: string; message: string }[] }) => f.errors);
    expect(errors[0]).toEqual([]);
    expect(errors[1]).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'properties.status' }), expect.objectContaining({ message: 'unknown property "colour"' })]));
    expect(errors[2]).toEqual([expect.objectContaining({ path: 'geometry.type', message: expect.stringMatching(/expected Point or MultiPoint, got LineString/) })]);
    expect(errors[3][0].message).toMatch(/outside the district/);
    expect(errors[4]).toEqual([{ path: 'type', message: 'not a GeoJSON Feature', code: 'notFeature' }]);
    // each problem also comes structured, for a message in the user's language naming the field by its title
    expect(errors[1]).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'enum', field: 'status', params: { allowed: expect.stringContaining('open') } }),
      expect.objectContaining({ code: 'unknownProperty', field: 'colour' }),
    ]));
    expect(errors[2][0]).toMatchObject({ code: 'geometryType', field: 'geometry', params: { expected: 'Point / MultiPoint', got: 'LineString' } });
    expect(errors[3][0]).toMatchObject({ code: 'outsideDistrict', field: 'geometry', params: { lon: 120.3, lat: 30.3 } });
    expect([count('garbage-rooms'), version('garbage-rooms'), audits()]).toEqual([n, v, a]);
  });

  it('with onlyValid imports just the valid ones and records how many were skipped', async () => {
    const n = count('garbage-rooms');
    const res = await upload('garbage-rooms', { text: collection(room('只好', [120.155, 30.235]), room('坏', [120.155, 30.235], { status: 'x' })), onlyValid: true });
    expect(res.status).toBe(201);
    expect(res.body.totals).toMatchObject({ valid: 1, invalid: 1, imported: 1 });
    expect(count('garbage-rooms')).toBe(n + 1);
    const entry = s.db.prepare("SELECT summary FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1").get() as { summary: string };
    expect(JSON.parse(entry.summary)).toMatchObject({ count: 1, skipped: 1 });
  });

  it('refuses onlyValid when no feature is valid (422)', async () => {
    const res = await upload('garbage-rooms', { text: collection(room('坏', [120.155, 30.235], { status: 'x' })), onlyValid: true });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/no feature is valid/);
  });

  it('warns (without refusing) about features outside the district on a layer that may reach beyond it', async () => {
    const res = await upload('landmarks', { text: collection({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.2, 30.26] }, properties: { name: '远处' } }), dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.features[0]).toMatchObject({ ok: true, errors: [] });
    expect(res.body.features[0].warnings[0].message).toMatch(/outside the district/);
    expect(res.body.totals.withWarnings).toBe(1);
  });
});

describe('coordinate systems', () => {
  // a point in Qingbo Street as Amap / Baidu would give it
  const shown = [120.163, 30.246];

  it.each([['gcj02', gcoord.GCJ02], ['bd09', gcoord.BD09]] as const)('converts %s to WGS84 as gcoord does', async (crs, from) => {
    const res = await upload('landmarks', { text: collection({ type: 'Feature', geometry: { type: 'Point', coordinates: shown }, properties: { name: crs } }), crs, dryRun: true });
    expect(res.status).toBe(200);
    const got = res.body.features[0].feature.geometry.coordinates as number[];
    const expected = gcoord.transform([...shown] as [number, number], from, gcoord.WGS84) as number[];
    expect(got[0]).toBeCloseTo(expected[0]!, 9);
    expect(got[1]).toBeCloseTo(expected[1]!, 9);
    // in Hangzhou GCJ-02 lies some 500 m east-south-east of WGS84, BD-09 about 1.2 km east-north-east
    const metres = turf.distance(shown, got, { units: 'meters' });
    const [low, high] = crs === 'gcj02' ? [400, 700] : [1000, 1500];
    expect(metres).toBeGreaterThan(low);
    expect(metres).toBeLessThan(high);
    expect(got[0]).toBeLessThan(shown[0]!);
    if (crs === 'gcj02') expect(got[1]).toBeGreaterThan(shown[1]!);
    else expect(got[1]).toBeLessThan(shown[1]!);
  });

  it('converts every vertex of a line and validates the converted geometry', async () => {
    const line = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[120.16, 30.24], [120.162, 30.241]] }, properties: { name: '巷', name_en: 'Lane' } };
    const res = await upload('alleys', { text: collection(line), crs: 'gcj02', dryRun: true });
    expect(res.status).toBe(200);
    const coords = res.body.features[0].feature.geometry.coordinates;
    expect(coords[1]).toEqual(gcoord.transform([120.162, 30.241], gcoord.GCJ02, gcoord.WGS84));
  });

  it('refuses an unknown crs (400)', async () => {
    const res = await upload('landmarks', { text: collection(), crs: 'epsg3857' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/crs must be one of wgs84, gcj02, bd09/);
  });
});

describe('CSV', () => {
  it('reads lon/lat columns, coerces cells to the schema and keeps Chinese text (UTF-8 with BOM)', async () => {
    const csv = '\uFEFFname,name_en,status,households_served,sorting,opened_date,经度,纬度\r\n'
      + '"河坊街, 北",Hefang N,open,"1,200",是,2011/3/5,120.156,30.236\r\n'
      + '清波门,Qingbo Gate,closed,,否,,120.157,30.237\r\n';
    const res = await upload('garbage-rooms', { text: csv, name: 'rooms.csv', dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.format).toBe('csv');
    expect(res.body.totals).toMatchObject({ features: 2, valid: 2 });
    expect(res.body.features[0]).toMatchObject({
      line: 2,
      feature: { geometry: { type: 'Point', coordinates: [120.156, 30.236] }, properties: { name: '河坊街, 北', households_served: 1200, sorting: true, opened_date: '2011-03-05' } },
    });
    expect(res.body.features[1].feature.properties).toEqual({ name: '清波门', name_en: 'Qingbo Gate', status: 'closed', sorting: false });
  });

  it('commits a CSV without BOM given as GCJ-02', async () => {
    const n = count('garbage-rooms');
    const res = await upload('garbage-rooms', { text: 'lng;lat;name;name_en;status\n120.160;30.241;高德点;Amap point;open\n', name: 'amap.csv', crs: 'gcj02' });
    expect(res.status).toBe(201);
    const stored = await request(s.app).get(`/ogc/collections/garbage-rooms/items/${res.body.ids[0]}`);
    expect(stored.body.geometry.coordinates).toEqual(gcoord.transform([120.16, 30.241], gcoord.GCJ02, gcoord.WGS84));
    expect(count('garbage-rooms')).toBe(n + 1);
  });

  it('reports bad coordinates and unknown columns per row', async () => {
    const res = await upload('garbage-rooms', { text: 'x,y,name,name_en,status,colour\nabc,30.24,甲,A,open,red\n', name: 'bad.csv', dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.features[0]).toMatchObject({ ok: false, line: 2, errors: [{ path: 'x', message: 'x "abc" is not a number' }] });
    expect(res.body.notes).toContain("columns not in the layer's schema: colour");
    expect(res.body.features[0].errors[0]).toMatchObject({ code: 'notANumber', field: 'x', params: { text: 'abc' } });
    expect(res.body.noteDetails).toContainEqual({ code: 'unknownColumns', message: "columns not in the layer's schema: colour", params: { columns: 'colour' } });
  });

  it('reports a missing required property by its field, not only as "must have required property"', async () => {
    const res = await upload('garbage-rooms', { text: collection({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.155, 30.235] }, properties: { name_en: 'A', status: 'open' } }), dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.features[0].errors).toContainEqual({ path: 'properties', message: "must have required property 'name'", code: 'required', field: 'name' });
  });

  it('reads a GeoJSON geometry column and ignores the id column, as the map CSV export writes them', async () => {
    const geometry = JSON.stringify({ type: 'LineString', coordinates: [[120.155, 30.24], [120.157, 30.241]] }).replace(/"/g, '""');
    const csv = `\uFEFFid,name,name_en,length_m,lon,lat,geometry\r\n7,导出巷,Exported lane,210,120.156,30.2405,"${geometry}"\r\n`;
    const res = await upload('alleys', { text: csv, name: 'alleys.csv', dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.notes).toContain('the "id" column is ignored: imported features get new ids');
    expect(res.body.features[0]).toMatchObject({ ok: true, feature: { geometry: { type: 'LineString' }, properties: { name: '导出巷', length_m: 210 } } });
    expect(res.body.features[0].feature.properties).not.toHaveProperty('id');
  });

  it('refuses a CSV without coordinate columns (400 bad_format)', async () => {
    const res = await upload('garbage-rooms', { text: 'name,status\n甲,open\n', name: 'nocoords.csv' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_format', message: expect.stringMatching(/no coordinate columns/) });
  });
});

describe('refusals', () => {
  it.each([
    ['an empty file', { text: '' }, 400, 'empty_file'],
    ['a blank file', { text: ' \n ' }, 400, 'empty_file'],
    ['broken JSON', { text: '{"type":"FeatureCollection",' }, 400, 'bad_format'],
    ['a bare geometry', { text: '{"type":"Point","coordinates":[120,30]}' }, 400, 'bad_format'],
    ['no features', { text: collection() }, 400, 'no_features'],
    ['bytes that are not text', { text: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0xff]) }, 400, 'bad_encoding'],
  ] as const)('refuses %s', async (_what, u, status, code) => {
    const res = await upload('garbage-rooms', u as Upload);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('refuses an unknown layer (404) and the read-only cases layer (403)', async () => {
    const missing = await upload('nope', { text: collection(room('a', [120.155, 30.235])) });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/"nope" does not exist/);
    const demo = await createCasesApp();
    const cases = await request(demo.app).post('/api/layers/cases/import').set('Cookie', await demo.cookieFor('admin'))
      .attach('file', Buffer.from(collection(room('a', [120.16, 30.24]))), 'a.geojson').field('dryRun', 'true');
    expect(cases.status).toBe(403);
    expect(cases.body.error).toMatchObject({ code: 'read_only', message: expect.stringMatching(/"cases" is read-only/) });
  });

  it('refuses a request without a file (400)', async () => {
    const res = await request(s.app).post('/api/layers/garbage-rooms/import').set('Cookie', cookie).field('crs', 'wgs84');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/multipart field "file"/);
  });

  it('refuses more than 2,000 features (400 too_many_features) and a file over 10 MB (413)', async () => {
    const many = 'lon,lat,name\n' + '120.155,30.235,a\n'.repeat(2_001);
    const tooMany = await upload('landmarks', { text: many, name: 'many.csv' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('too_many_features');
    const big = await upload('landmarks', { text: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), name: 'big.geojson' });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toMatch(/at most 10 MB/);
  });

  it('is for editors only: 401 without a session, 403 for other roles', async () => {
    const anonymous = await request(s.app).post('/api/layers/garbage-rooms/import').attach('file', Buffer.from(collection(room('a', [120.155, 30.235]))), 'a.geojson');
    expect(anonymous.status).toBe(401);
    const leader = await upload('garbage-rooms', { text: collection(room('a', [120.155, 30.235])) }, await s.cookieFor('leader'));
    expect(leader.status).toBe(403);
    const admin = await upload('garbage-rooms', { text: collection(room('a', [120.155, 30.235])), dryRun: true }, await s.cookieFor('admin'));
    expect(admin.status).toBe(200);
  });
});

describe('atomicity', () => {
  it('rolls back every insert and the audit entry when the database fails halfway', async () => {
    s.db.exec(isPostgres(s.db) ? `CREATE FUNCTION import_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.properties ->> 'name' = '故障' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER import_fault BEFORE INSERT ON features FOR EACH ROW EXECUTE FUNCTION import_fault()`
      : `CREATE TEMP TRIGGER import_fault BEFORE INSERT ON features
      WHEN json_extract(new.properties, '$.name') = '故障' BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    try {
      const [n, v, a] = [count('garbage-rooms'), version('garbage-rooms'), audits()];
      const res = await upload('garbage-rooms', { text: collection(room('先', [120.155, 30.235]), room('再', [120.156, 30.236]), room('故障', [120.157, 30.237])) });
      expect(res.status).toBe(500);
      expect([count('garbage-rooms'), version('garbage-rooms'), audits()]).toEqual([n, v, a]);
    } finally {
      s.db.exec(isPostgres(s.db) ? 'DROP TRIGGER import_fault ON features; DROP FUNCTION import_fault()' : 'DROP TRIGGER temp.import_fault');
    }
  });
});
