import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/src/config';
import { DEMO_API_KEY, seedDemoApiKey } from '../../server/src/open311/api-keys';
import { createCasesApp, fileCase, HEFANG } from '../helpers/cases';
import type { SecuredApp } from '../helpers/session';

/** The westmost vertex of the demo district's boundary: moving west from it leaves the district by exactly that distance. */
const WEST = (() => {
  const file = path.join(PROJECT_ROOT, 'data/layers/district-boundary.geojson');
  const ring = (JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { geometry: { coordinates: number[][][] } }[] }).features[0]!.geometry.coordinates[0]!;
  return ring.reduce((w, p) => (p[0]! < w[0]! ? p : w));
})();
/** Metres per degree of longitude at the district's latitude. */
const M_PER_DEG_LON = 111_320 * Math.cos((WEST[1]! * Math.PI) / 180);
const westOfBoundary = (metres: number) => ({ lon: WEST[0]! - metres / M_PER_DEG_LON, lat: WEST[1]! });

let s: SecuredApp;
beforeAll(async () => {
  s = await createCasesApp();
  seedDemoApiKey(s.db);
});

const caseCount = () => s.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
const open311 = (point: { lon: number; lat: number }) => request(s.app).post('/open311/v2/requests.json').type('form')
  .send({ api_key: DEMO_API_KEY, service_code: 'E01-02', lat: String(point.lat), long: String(point.lon), description: '路边有垃圾' });

describe('cases lie in the district', () => {
  it.each([
    ['Beijing', { lon: 116.397, lat: 39.909 }],
    ['0, 0', { lon: 0, lat: 0 }],
    ['the north pole', { lon: 0, lat: 90 }],
    ['the south pole', { lon: 180, lat: -90 }],
    ['West Lake, 2 km west of the district', { lon: 120.13, lat: 30.245 }],
    ['200 m beyond the boundary', westOfBoundary(200)],
  ])('refuses a case filed at %s with 400 outside_district and writes nothing', async (_label, point) => {
    const before = caseCount();
    const res = await fileCase(s, point);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('outside_district');
    expect(res.body.error.message).toMatch(/outside the Qingbo district/);
    expect(caseCount()).toBe(before);
    expect(s.db.prepare("SELECT count(*) FROM features WHERE layer_id = 'cases'").pluck().get()).toBe(before);
  });

  it('accepts a case inside the district and one 20 m beyond its boundary (GPS on the boundary street)', async () => {
    expect((await fileCase(s, HEFANG)).status).toBe(201);
    expect((await fileCase(s, westOfBoundary(20))).status).toBe(201);
  });

  it('applies the same rule to Open311 filings', async () => {
    const before = caseCount();
    const far = await open311(westOfBoundary(200));
    expect(far.status).toBe(400);
    expect(far.body).toEqual([{ code: 400, description: expect.stringMatching(/outside the Qingbo district/) }]);
    expect(caseCount()).toBe(before);
    expect((await open311(westOfBoundary(20))).status).toBe(201);
  });

  it('refuses every filing (503) rather than place cases unchecked when the boundary layer is empty', async () => {
    const bare = await createCasesApp();
    bare.db.prepare("DELETE FROM features WHERE layer_id = 'district-boundary'").run();
    const res = await fileCase(bare, HEFANG);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('no_district_boundary');
    expect(bare.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
  });
});
