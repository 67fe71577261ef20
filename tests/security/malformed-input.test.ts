import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, seedDemoApiKey } from '../../server/src/open311/api-keys';
import { caseBody, caseIn, createCasesApp, fileCase, HEFANG } from '../helpers/cases';
import type { SecuredApp } from '../helpers/session';

let s: SecuredApp;
let admin: string;
let caseId: number;
beforeAll(async () => {
  s = await createCasesApp();
  seedDemoApiKey(s.db);
  admin = await s.cookieFor('admin');
  caseId = await caseIn(s, 'reported');
});

const caseCount = () => s.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
const open311 = (over: Record<string, string>) => request(s.app).post('/open311/v2/requests.json').type('form')
  .send({ api_key: DEMO_API_KEY, service_code: 'E01-02', lat: String(HEFANG.lat), long: String(HEFANG.lon), description: '路边有垃圾', ...over });

const CONTROL = [
  ['only NUL characters', '\u0000\u0000'],
  ['a NUL inside the text', '路面\u0000油污'],
  ['a terminal escape', '路面油污\u001b[2J'],
  ['a backspace', '路面油污\u0008'],
  ['DEL', '路面油污\u007f'],
] as const;

describe('control characters in case text', () => {
  it.each(CONTROL)('refuse a description with %s (400 naming the field, nothing written)', async (_label, description) => {
    const before = caseCount();
    const res = await fileCase(s, { description });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.details).toEqual([{ field: 'description', message: expect.stringMatching(/control characters/) }]);
    expect(caseCount()).toBe(before);
  });

  it.each([
    ['address', { address: '河坊街\u0000' }],
    ['contact.name', { contact: { name: '\u0000' } }],
    ['contact.phone', { contact: { phone: '0571\u0000123' } }],
  ])('refuse NUL in %s too', async (field, over) => {
    const res = await fileCase(s, over, 'supervisor');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
  });

  it('refuse NUL in an action note and a category name', async () => {
    const register = await request(s.app).post(`/api/cases/${caseId}/actions/register`).set('Cookie', await s.cookieFor('supervisor')).send({ note: '\u0000' });
    expect(register.status).toBe(400);
    expect(register.body.error.details[0].field).toBe('note');
    const category = await request(s.app).post('/api/cases/categories').set('Cookie', admin)
      .send({ majorCode: 'C07', name: { zh: '\u0000', en: 'Bollard' }, timeLimit: { value: 2, unit: 'wd' }, department: 'municipal' });
    expect(category.status).toBe(400);
    expect(category.body.error.details[0].field).toBe('name.zh');
  });

  it('keep tabs and line breaks, which people do type', async () => {
    const res = await fileCase(s, { description: '路面油污\t约 3 米\r\n靠近路口' });
    expect(res.status).toBe(201);
    expect(res.body.case.description).toBe('路面油污\t约 3 米\r\n靠近路口');
  });

  it.each([
    ['description', { description: '\u0000\u0000' }],
    ['first_name', { first_name: '\u0000' }],
    ['address_string', { address_string: '河坊街\u001b' }],
    ['attribute[landmark]', { 'attribute[landmark]': '鼓楼\u0000' }],
  ])('refuse NUL in the Open311 field %s, anonymously with the demo key (400, nothing written)', async (field, over) => {
    const before = caseCount();
    const res = await open311(over);
    expect(res.status).toBe(400);
    expect(res.body).toEqual([{ code: 400, description: expect.stringContaining(field) }]);
    expect(res.body[0].description).toMatch(/control characters/);
    expect(caseCount()).toBe(before);
  });
});

describe('a malformed percent-encoding in the path', () => {
  it.each([
    '/api/cases/%E0%A4%A',
    '/api/cases/1/photos/%E0%A4%A',
    '/ogc/collections/%E0%A4%A',
    '/ogc/collections/cases/items/%E0%A4%A',
    '/styles/%E0%A4%A.json',
  ])('GET %s answers 400 with a JSON reason, not 500', async (url) => {
    const res = await request(s.app).get(url).set('Cookie', admin);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(/percent-encoding/) } });
  });

  it('also in a write route and in Open311 (its own error format)', async () => {
    const put = await request(s.app).put('/api/cases/categories/%E0%A4%A').set('Cookie', admin).send({ active: false });
    expect(put.status).toBe(400);
    const action = await request(s.app).post('/api/cases/%E0%A4%A/actions/register').set('Cookie', admin).send({});
    expect(action.status).toBe(400);
    const res = await request(s.app).get('/open311/v2/requests/%E0%A4%A.json');
    expect(res.status).toBe(400);
    expect(res.body).toEqual([{ code: 400, description: expect.any(String) }]);
  });
});

const JSON_ROUTES: [string, string][] = [
  ['POST', '/api/auth/login'],
  ['POST', '/api/cases'],
  ['POST', '/api/cases/categories'],
  ['PUT', '/api/cases/categories/C07-01'],
  ['POST', '/api/cases/dispatch'],
  ['POST', '/api/cases/1/actions/register'],
  ['POST', '/api/cases/1/actions/postpone'],
  ['PUT', '/api/calendar/2026'],
  ['POST', '/api/notifications/read'],
  ['POST', '/api/notifications/webhooks'],
];

/** Bodies a JSON route must refuse with 4xx. */
const BAD_BODIES: [string, string, string][] = [
  ['JSON null', 'application/json', 'null'],
  ['a JSON string', 'application/json', '"text"'],
  ['a JSON number', 'application/json', '42'],
  ['an array', 'application/json', '[{"category":"E01-03"}]'],
  ['a __proto__ key', 'application/json', '{"__proto__":{"category":"E01-03","version":1},"constructor":{"prototype":{"x":1}}}'],
  ['wrong types', 'application/json', '{"category":["E01-03"],"lon":"120","lat":{"a":1},"description":5,"idempotencyKey":[],"ids":"1","note":[],"active":"yes","username":["admin"],"password":{"a":1}}'],
  ['huge numbers', 'application/json', '{"lon":1e400,"lat":-1e400,"version":1e400,"ids":[1e300],"timeLimit":{"value":1e308,"unit":"wd"}}'],
  ['a deeply nested value', 'application/json', `{"note":${'['.repeat(2000)}${']'.repeat(2000)}}`],
  ['invalid JSON', 'application/json', '{"note":'],
  ['JSON in another charset', 'application/json; charset=utf-16', '{}'],
];

/** Bodies a JSON route does not read (an action whose fields are all optional may still succeed), but never with 5xx. */
const FOREIGN_BODIES: [string, string, string][] = [
  ['plain text', 'text/plain', 'note=hello'],
  ['XML', 'application/xml', '<case><note>hello</note></case>'],
  ['a form', 'application/x-www-form-urlencoded', 'note=hello&__proto__[x]=1&ids[]=1'],
  ['multipart without a boundary', 'multipart/form-data', 'x'],
];

describe('malformed bodies', () => {
  it.each(JSON_ROUTES.flatMap(([method, url]) => BAD_BODIES.map(([label, type, body]) => [method, url, label, type, body] as const)))(
    '%s %s with %s answers 4xx with a JSON error',
    async (method, url, _label, type, body) => {
      const before = caseCount();
      const res = await request(s.app)[method === 'PUT' ? 'put' : 'post'](url).set('Cookie', admin).set('Content-Type', type).send(body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
      expect(caseCount()).toBe(before);
    },
  );

  it.each(JSON_ROUTES.flatMap(([method, url]) => FOREIGN_BODIES.map(([label, type, body]) => [method, url, label, type, body] as const)))(
    '%s %s with %s never answers 5xx',
    async (method, url, _label, type, body) => {
      const res = await request(s.app)[method === 'PUT' ? 'put' : 'post'](url).set('Cookie', admin).set('Content-Type', type).send(body);
      expect(res.status).toBeLessThan(500);
    },
  );

  it.each([
    ['text/plain', 'note=x'],
    ['application/x-www-form-urlencoded', 'note=x'],
    ['application/xml', '<note>x</note>'],
  ])('a write with a %s body (which no route reads) is refused with 415, not taken as an empty body', async (type, body) => {
    const before = s.db.prepare('SELECT state, version FROM cases WHERE id = ?').get(caseId);
    const res = await request(s.app).post(`/api/cases/${caseId}/actions/register`).set('Cookie', await s.cookieFor('supervisor')).set('Content-Type', type).send(body);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect(s.db.prepare('SELECT state, version FROM cases WHERE id = ?').get(caseId)).toEqual(before);
  });

  it('Open311 answers a form with repeated or huge values with 4xx', async () => {
    const before = caseCount();
    for (const raw of ['lat=1&lat=2', 'lat=1e400', 'long=-1e400', 'service_code=E01-03', `description=${'字'.repeat(5000)}`, 'email=a@b.c%00']) {
      const res = await request(s.app).post('/open311/v2/requests.json').type('form').send(`api_key=${DEMO_API_KEY}&service_code=E01-02&lat=30.24242&long=120.16426&${raw}`);
      expect(res.status, raw).toBeGreaterThanOrEqual(400);
      expect(res.status, raw).toBeLessThan(500);
    }
    expect(caseCount()).toBe(before);
  });
});

const GET_ROUTES = [
  '/api/cases', '/api/cases/duplicates', '/api/cases/locate', '/api/cases/kpis', '/api/overview', '/api/indicators', '/api/audit',
  '/open311/v2/requests.json', '/open311/v2/services.json', '/ogc/collections/cases/items', '/styles/light.json',
  '/api/reports/cases', '/api/notifications', '/api/notifications/webhooks', '/api/calendar', '/api/calendar/2026',
];
const BAD_QUERIES = [
  ['repeated parameters', 'state=reported&state=closed&limit=1&limit=2&lon=1&lon=2&lang=zh&lang=en&year=2011&year=2012&status=open&status=closed'],
  ['nested parameters', 'limit[a]=1&q[]=x&category[__proto__][x]=1&groupBy[]=month&bbox[0]=1'],
  ['huge numbers', 'limit=1e400&offset=99999999999999999999999&lon=-1e400&lat=NaN&year=Infinity'],
  ['a long value', `q=${'x'.repeat(8000)}`],
  ['many parameters', Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join('&')],
  ['a NUL', 'q=%00&entity=%00&service_request_id=%00&from=%00&groupBy=%00&format=%00'],
  ['impossible dates', 'from=2026-02-30&to=99999-01-01&groupBy=month&format=xlsx&lang=__proto__'],
] as const;

describe('malformed queries', () => {
  it.each(GET_ROUTES.flatMap((url) => BAD_QUERIES.map(([label, query]) => [url, label, query] as const)))('GET %s with %s never answers 5xx', async (url, _label, query) => {
    const res = await request(s.app).get(`${url}?${query}`).set('Cookie', admin);
    expect(res.status).toBeLessThan(500);
  });
});

it('a well-formed filing still works after all of the above', async () => {
  expect((await request(s.app).post('/api/cases').set('Cookie', await s.cookieFor('inspector')).send(caseBody())).status).toBe(201);
});
