import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SecuredApp } from '../helpers/session';
import { caseBody, createCasesApp, fileCase, HEFANG } from '../helpers/cases';
import { binaryParser, decodeTile, tileOf } from '../helpers/tiles';

let s: SecuredApp;
beforeAll(async () => {
  s = await createCasesApp();
});

const count = (sql: string, ...params: unknown[]) => s.db.prepare(sql).pluck().get(...params) as number;

describe('filing a case', () => {
  it('stores a reported case with its number, community, grid and nearest street', async () => {
    const res = await fileCase(s, { description: '河坊街路面有大片油污' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/cases/${res.body.case.id}`);
    expect(res.headers.etag).toBe(`"case-${res.body.case.id}-1"`);
    expect(res.body.case).toMatchObject({
      number: expect.stringMatching(/^QB\d{4}-\d{6}$/),
      state: 'reported', channel: 'inspector', department: null, deadline: null, clock: null, version: 1,
      category: { code: 'E01-03', name: { zh: '道路不洁', en: 'Dirty street surface' } },
      community: { code: '330102001055', name: '清河坊社区' }, grid: '330102001055013', address: '河坊街',
      lon: HEFANG.lon, lat: HEFANG.lat, description: '河坊街路面有大片油污',
      nextActions: [],
    });
    expect(res.body.case.events).toEqual([expect.objectContaining({ action: 'report', from: null, to: 'reported', user: expect.objectContaining({ username: 'inspector', role: 'inspector' }) })]);
  });

  it('numbers cases in sequence per year', async () => {
    const a = (await fileCase(s)).body.case.number as string;
    const b = (await fileCase(s)).body.case.number as string;
    expect(b.slice(0, 7)).toBe(a.slice(0, 7));
    expect(Number(b.slice(-6))).toBe(Number(a.slice(-6)) + 1);
  });

  it('keeps a typed address instead of the derived street', async () => {
    expect((await fileCase(s, { address: '河坊街180号门口' })).body.case.address).toBe('河坊街180号门口');
  });

  it('files a case once per idempotency key: the retry gets the same case with 200', async () => {
    const body = caseBody();
    const cookie = await s.cookieFor('inspector');
    const first = await request(s.app).post('/api/cases').set('Cookie', cookie).send(body);
    const again = await request(s.app).post('/api/cases').set('Cookie', cookie).send(body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.case.id).toBe(first.body.case.id);
    expect(count('SELECT count(*) FROM cases WHERE idempotency_key = ?', body.idempotencyKey)).toBe(1);
    expect(count('SELECT count(*) FROM case_events WHERE case_id = ?', first.body.case.id)).toBe(1);
  });

  it('refuses another user\'s idempotency key with 409', async () => {
    const body = caseBody();
    await request(s.app).post('/api/cases').set('Cookie', await s.cookieFor('inspector')).send(body);
    const res = await request(s.app).post('/api/cases').set('Cookie', await s.cookieFor('supervisor')).send(body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('idempotency_conflict');
  });

  it.each([
    [{ description: 'x'.repeat(4001) }, 400, /description/],
    [{ description: '   ' }, 400, /description/],
    [{ idempotencyKey: 'not-a-uuid' }, 400, /idempotencyKey/],
    [{ lon: 200 }, 400, /lon/],
    [{ category: 'X01-01' }, 400, /category/],
    [{ category: 'E09-09' }, 404, /category "E09-09" does not exist/],
    [{ colour: 'red' }, 400, /colour/],
  ])('refuses a bad report (%#)', async (over, status, message) => {
    const before = count('SELECT count(*) FROM cases');
    const res = await fileCase(s, over);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(count('SELECT count(*) FROM cases')).toBe(before);
  });

  it('accepts a 4000-character description', async () => {
    expect((await fileCase(s, { description: '字'.repeat(4000) })).status).toBe(201);
  });

  it('records the filing in the audit log without the contact data', async () => {
    const filed = await fileCase(s, { channel: 'hotline', contact: { name: '张先生', phone: '13800000000' } }, 'supervisor');
    const audit = await request(s.app).get('/api/audit?entity=case&limit=1').set('Cookie', await s.cookieFor('admin'));
    expect(audit.body.entries[0]).toMatchObject({ action: 'report', username: 'supervisor', entityId: filed.body.case.number, summary: { category: 'E01-03', grid: '330102001055013' } });
    expect(JSON.stringify(audit.body)).not.toContain('13800000000');
  });
});

describe('reporter contact data', () => {
  let id: number;
  beforeAll(async () => {
    id = (await fileCase(s, { channel: 'hotline', contact: { name: '李女士', phone: '13912345678', email: 'li@example.com' } }, 'supervisor')).body.case.id;
  });

  it.each(['supervisor', 'dispatcher', 'admin'] as const)('is shown to the %s', async (role) => {
    const res = await request(s.app).get(`/api/cases/${id}`).set('Cookie', await s.cookieFor(role));
    expect(res.body.case.contact).toEqual({ name: '李女士', phone: '13912345678', email: 'li@example.com' });
  });

  it.each(['inspector', 'leader'] as const)('is hidden from the %s', async (role) => {
    const res = await request(s.app).get(`/api/cases/${id}`).set('Cookie', await s.cookieFor(role));
    expect(res.status).toBe(200);
    expect(res.body.case).not.toHaveProperty('contact');
    expect(res.text).not.toContain('13912345678');
  });

  it('is never in lists', async () => {
    const res = await request(s.app).get('/api/cases?limit=500').set('Cookie', await s.cookieFor('admin'));
    expect(res.text).not.toContain('13912345678');
  });
});

describe('the cases layer', () => {
  let number: string;
  beforeAll(async () => {
    number = (await fileCase(s, { category: 'C07-03', description: '生态垃圾房门坏了', contact: { phone: '13700001111' }, channel: 'hotline' }, 'supervisor')).body.case.number;
  });

  it('is an OGC collection whose items carry only public fields', async () => {
    const res = await request(s.app).get('/ogc/collections/cases/items?limit=1000');
    expect(res.status).toBe(200);
    const feature = JSON.parse(res.text).features.find((f: { properties: { number: string } }) => f.properties.number === number);
    expect(feature.geometry).toEqual({ type: 'Point', coordinates: [HEFANG.lon, HEFANG.lat] });
    expect(feature.properties).toEqual({
      name: number, number, category_code: 'C07-03', category: '生态垃圾房', category_en: 'Ecological garbage room', family: 'component',
      state: 'reported', community_code: '330102001055', community: '清河坊社区', grid_code: '330102001055013',
      reported_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), postponed: false, rework_count: 0, demo: false,
    });
    expect(res.text).not.toContain('13700001111');
    expect(res.text).not.toContain('生态垃圾房门坏了');
  });

  it('uses the report time as the OGC datetime', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const hits = await request(s.app).get(`/ogc/collections/cases/items?datetime=${today}T00:00:00Z/..&limit=1000`);
    expect(JSON.parse(hits.text).features.map((f: { properties: { number: string } }) => f.properties.number)).toContain(number);
    const before = await request(s.app).get('/ogc/collections/cases/items?datetime=../2000-01-01T00:00:00Z');
    expect(JSON.parse(before.text).numberMatched).toBe(0);
  });

  it('serves the case in vector tiles', async () => {
    const t = tileOf(HEFANG.lon, HEFANG.lat, 16);
    const res = await request(s.app).get(`/tiles/cases/${t.z}/${t.x}/${t.y}.mvt`).buffer(true).parse(binaryParser as never);
    expect(res.status).toBe(200);
    expect(decodeTile(res.body).layers.cases!.length).toBeGreaterThan(0);
  });

  it('is read-only through OGC API – Features Part 4', async () => {
    const cookie = await s.cookieFor('admin');
    const created = await request(s.app).post('/ogc/collections/cases/items').set('Cookie', cookie).set('Content-Type', 'application/geo+json')
      .send(JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.16, 30.24] }, properties: { name: 'x', number: 'x', category_code: 'x', state: 'closed', reported_at: '2011-01-01T00:00:00Z' } }));
    expect(created.status).toBe(403);
    expect(created.body.error).toMatchObject({ code: 'read_only', message: expect.stringMatching(/"cases" is read-only/) });
    const id = JSON.parse((await request(s.app).get('/ogc/collections/cases/items?limit=1')).text).features[0].id;
    expect((await request(s.app).delete(`/ogc/collections/cases/items/${id}`).set('Cookie', cookie)).status).toBe(403);
  });

  it('is marked read-only in the layer catalogue', async () => {
    const res = await request(s.app).get('/api/layers');
    expect(res.body.layers.find((l: { id: string }) => l.id === 'cases')).toMatchObject({ readOnly: true, geometryType: 'Point', temporal: { start: 'reported_at' } });
  });
});

describe('the category catalogue', () => {
  it('lists components and events with codes, names, limits, departments and radii', async () => {
    const res = await request(s.app).get('/api/cases/categories').set('Cookie', await s.cookieFor('inspector'));
    expect(res.status).toBe(200);
    const list = res.body.categories as { code: string; family: string; extension: boolean; timeLimit: unknown; department: string; duplicateRadiusM: number; demo: boolean }[];
    expect(list.length).toBeGreaterThanOrEqual(40);
    expect(list.every((c) => /^[CE]\d{2}-\d{2}$/.test(c.code) && (c.family === 'component') === c.code.startsWith('C') && c.demo)).toBe(true);
    const byCode = Object.fromEntries(list.map((c) => [c.code, c]));
    expect(byCode['E01-03']).toMatchObject({ name: { zh: '道路不洁' }, timeLimit: { value: 2, unit: 'wh' }, department: 'sanitation', duplicateRadiusM: 50 });
    expect(byCode['E01-02']).toMatchObject({ name: { zh: '暴露垃圾' }, timeLimit: { value: 4, unit: 'wh' } });
    expect(byCode['E01-07']).toMatchObject({ name: { zh: '建筑垃圾' }, timeLimit: { value: 2, unit: 'wd' } });
    expect(byCode['C04-03']).toMatchObject({ name: { zh: '绿地' }, timeLimit: { value: 5, unit: 'wd' }, department: 'greening' });
    expect(byCode['E01-01']).toMatchObject({ timeLimit: { value: 4, unit: 'wh' }, stages: [{ timeLimit: { value: 7, unit: 'wd' } }, { timeLimit: { value: 20, unit: 'wd' } }] });
    expect(list.filter((c) => c.extension).map((c) => c.code)).toEqual(['C07-01', 'C07-02', 'C07-03']);
  });

  it('lets an admin change a category, audited', async () => {
    const admin = await s.cookieFor('admin');
    const res = await request(s.app).put('/api/cases/categories/E04-03').set('Cookie', admin).send({ timeLimit: { value: 1, unit: 'wh' }, duplicateRadiusM: 20 });
    expect(res.status).toBe(200);
    expect(res.body.category).toMatchObject({ code: 'E04-03', timeLimit: { value: 1, unit: 'wh' }, duplicateRadiusM: 20, department: 'enforcement' });
    const audit = await request(s.app).get('/api/audit?entity=case-category&limit=1').set('Cookie', admin);
    expect(audit.body.entries[0]).toMatchObject({ action: 'update', entityId: 'E04-03', summary: { changed: { duplicateRadiusM: [30, 20] } } });
  });

  it.each([
    ['E04-03', {}, 400],
    ['E04-03', { department: 'police' }, 400],
    ['E04-03', { timeLimit: { value: 0, unit: 'wh' } }, 400],
    ['E99-01', { active: false }, 404],
    ['nonsense', { active: false }, 404],
  ])('refuses a bad change to %s (%#)', async (code, body, status) => {
    expect((await request(s.app).put(`/api/cases/categories/${code}`).set('Cookie', await s.cookieFor('admin')).send(body)).status).toBe(status);
  });

  it('refuses new cases in a retired category', async () => {
    await request(s.app).put('/api/cases/categories/E06-01').set('Cookie', await s.cookieFor('admin')).send({ active: false });
    expect((await fileCase(s, { category: 'E06-01' })).status).toBe(400);
  });
});

describe('locating a point', () => {
  it('gives the community, grid and nearest street', async () => {
    const res = await request(s.app).get('/api/cases/locate?lon=120.15461&lat=30.24028').set('Cookie', await s.cookieFor('inspector'));
    expect(res.body).toEqual({ communityCode: '330102001051', communityName: '清波门社区', gridCode: '330102001051051', street: '南山路' });
  });

  it('gives nulls outside the district', async () => {
    const res = await request(s.app).get('/api/cases/locate?lon=120.10&lat=30.20').set('Cookie', await s.cookieFor('inspector'));
    expect(res.body).toEqual({ communityCode: null, communityName: null, gridCode: null, street: null });
  });
});
