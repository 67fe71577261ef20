import request from 'supertest';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { createApiKeyRepository } from '../../server/src/open311/api-key-repository';
import { createApiKey, DEMO_API_KEY } from '../../server/src/open311/api-keys';
import { seedDemoData } from '../../server/src/seed/demo';
import type { SecuredApp } from '../helpers/session';
import { createCasesApp, HEFANG } from '../helpers/cases';

const LISTS = new Set(['service', 'request', 'attribute', 'value', 'error', 'note']);
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => LISTS.has(name) });
const V2 = '/open311/v2';

let s: SecuredApp;
beforeAll(async () => {
  s = await createCasesApp();
  await seedDemoData(s.db, { uploadDir: s.config.uploadDir });
});

const form = (over: Record<string, string> = {}) => ({ api_key: DEMO_API_KEY, service_code: 'E01-02', lat: String(HEFANG.lat), long: String(HEFANG.lon), description: '河坊街口有一堆垃圾', ...over });
const post = (fmt: 'json' | 'xml', body: Record<string, string>, app = s.app) => request(app).post(`${V2}/requests.${fmt}`).type('form').send(body);
const get = (url: string) => request(s.app).get(`${V2}${url}`);
const parsed = (res: request.Response) => xml.parse(res.text);

/** Checks an error response in both formats: status, `[{code, description}]` and `<errors><error>`. */
async function expectError(send: (fmt: 'json' | 'xml') => Promise<request.Response>, status: number, message: RegExp) {
  const json = await send('json');
  expect(json.status).toBe(status);
  expect(json.body).toEqual([{ code: status, description: expect.stringMatching(message) }]);
  const x = await send('xml');
  expect(x.status).toBe(status);
  expect(x.headers['content-type']).toMatch(/^application\/xml/);
  const [error] = parsed(x).errors.error;
  expect(error.code).toBe(String(status));
  expect(error.description).toMatch(message);
}

describe('GET services and service definitions', () => {
  it('lists the active categories as services, in JSON and XML', async () => {
    const json = await get('/services.json');
    expect(json.status).toBe(200);
    const count = s.db.prepare('SELECT count(*) FROM case_categories WHERE active = 1').pluck().get();
    expect(json.body).toHaveLength(count as number);
    expect(json.body.find((x: { service_code: string }) => x.service_code === 'E01-02')).toEqual({
      service_code: 'E01-02', service_name: '暴露垃圾', description: expect.stringContaining('环卫所'), metadata: true, type: 'realtime',
      keywords: '暴露垃圾,Exposed rubbish,市容环境,City appearance', group: '市容环境',
    });
    const x = await get('/services.xml');
    expect(x.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(x.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const services = parsed(x).services.service;
    expect(services.map((v: { service_code: string }) => v.service_code)).toEqual(json.body.map((v: { service_code: string }) => v.service_code));
    expect(services[0]).toMatchObject({ metadata: 'true', type: 'realtime', group: '公用设施' });
    expect((await get('/services.json?lang=en')).body[0]).toMatchObject({ service_name: 'Water-supply manhole cover', group: 'Public utilities' });
  });

  it('defines the attributes of a service', async () => {
    const json = await get('/services/E01-02.json');
    expect(json.body.service_code).toBe('E01-02');
    expect(json.body.attributes.map((a: { code: string; datatype: string; order: number }) => [a.code, a.datatype, a.order])).toEqual([['landmark', 'string', 1], ['urgency', 'singlevaluelist', 2]]);
    expect(json.body.attributes[1].values).toEqual([{ key: 'normal', name: '一般' }, { key: 'urgent', name: '紧急（影响安全或通行）' }]);
    const def = parsed(await get('/services/E01-02.xml')).service_definition;
    expect(def.service_code).toBe('E01-02');
    expect(def.attributes.attribute.map((a: { code: string; variable: string; required: string }) => [a.code, a.variable, a.required])).toEqual([['landmark', 'true', 'false'], ['urgency', 'true', 'false']]);
    expect(def.attributes.attribute[1].values.value.map((v: { key: string }) => v.key)).toEqual(['normal', 'urgent']);
  });

  it('answers 404 for an unknown service or format', async () => {
    await expectError((fmt) => get(`/services/E09-09.${fmt}`), 404, /service_code "E09-09" not found/);
    expect((await get('/services.csv')).status).toBe(404);
  });
});

describe('POST requests', () => {
  it('files a case through the case service (channel open311, contact kept private) and returns its id and token', async () => {
    const res = await post('json', form({ first_name: '小明', last_name: '王', phone: '13900001111', email: 'wang@example.com', device_id: 'dev-1', account_id: 'acc-9', 'attribute[landmark]': '胡庆余堂对面', 'attribute[urgency]': 'urgent' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual([{ service_request_id: expect.stringMatching(/^QB\d{4}-\d{6}$/), token: expect.stringMatching(/^[0-9a-f-]{36}$/), service_notice: expect.stringContaining('4 工作时'), account_id: 'acc-9' }]);
    const [{ service_request_id: id }] = res.body;
    const row = s.db.prepare('SELECT channel, state, reporter_id, reporter_contact, category_code, community_code, description FROM cases WHERE number = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ channel: 'open311', state: 'reported', reporter_id: null, category_code: 'E01-02', community_code: '330102001055', description: '河坊街口有一堆垃圾' });
    expect(JSON.parse(row.reporter_contact as string)).toEqual({ name: '小明 王', phone: '13900001111', email: 'wang@example.com' });
    const event = JSON.parse(s.db.prepare("SELECT e.data FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.number = ? AND e.action = 'report'").pluck().get(id) as string);
    expect(event).toMatchObject({ channel: 'open311', apiKey: 'demo', deviceId: 'dev-1', accountId: 'acc-9', attributes: { landmark: '胡庆余堂对面', urgency: 'urgent' } });
    expect(s.db.prepare("SELECT username FROM audit_log WHERE entity_id = ? AND action = 'report'").pluck().get(id)).toBe('open311:demo');

    const x = await post('xml', form({ description: '<b>"油污" & \'垃圾\'</b>' }));
    expect(x.status).toBe(201);
    const [request311] = parsed(x).service_requests.request;
    expect(request311.service_request_id).toMatch(/^QB\d{4}-\d{6}$/);
    const back = await get(`/requests/${request311.service_request_id}.xml`);
    expect(back.text).toContain('&lt;b&gt;&quot;油污&quot; &amp; &apos;垃圾&apos;&lt;/b&gt;');
    expect(parsed(back).service_requests.request[0].description).toBe('<b>"油污" & \'垃圾\'</b>');
  });

  it('needs a valid, enabled api_key (403)', async () => {
    const { api_key: _drop, ...noKey } = form();
    await expectError((fmt) => post(fmt, noKey), 403, /api_key/);
    await expectError((fmt) => post(fmt, form({ api_key: 'guessed' })), 403, /api_key/);
    const keys = createApiKeyRepository(s.db);
    const { key, record } = createApiKey(keys, 'retired-partner');
    keys.setDisabled(record.id, true);
    await expectError((fmt) => post(fmt, form({ api_key: key })), 403, /api_key/);
  });

  it.each([
    ['no service_code', { service_code: '' }, 400, /service_code is required/],
    ['an unknown service_code', { service_code: 'E09-09' }, 404, /service_code "E09-09" not found/],
    ['no location', { lat: '', long: '' }, 400, /lat and long are required/],
    ['an address that matches no place', { lat: '', long: '', address_string: '解放路100号' }, 400, /address_string "解放路100号" matches no street/],
    ['a point outside the district', { lat: '31.23', long: '121.47' }, 400, /outside the Qingbo district/],
    ['a bad email', { email: 'not-an-email' }, 400, /email/],
    ['a description over 4000 characters', { description: '字'.repeat(4001) }, 400, /description/],
    ['an unknown attribute', { 'attribute[colour]': 'red' }, 400, /unknown attribute "colour"/],
    ['a value outside a list', { 'attribute[urgency]': 'panic' }, 400, /attribute\[urgency\] must be one of normal, urgent/],
    ['a javascript: media_url', { media_url: 'javascript:alert(1)' }, 400, /media_url must be an http or https URL/],
    ['a file: media_url', { media_url: 'file:///etc/passwd' }, 400, /media_url must be an http or https URL/],
  ])('refuses %s (JSON and XML)', async (_label, over, status, message) => {
    const before = s.db.prepare('SELECT count(*) FROM cases').pluck().get();
    await expectError((fmt) => post(fmt, form(over as Record<string, string>)), status, message);
    expect(s.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(before);
  });

  it('limits requests per api_key (429 with Retry-After)', async () => {
    const limited = createApp({ db: s.db, config: { ...s.config, open311RatePerMinute: 2 } });
    const { key } = createApiKey(createApiKeyRepository(s.db), 'busy-partner');
    expect((await post('json', form({ api_key: key }), limited)).status).toBe(201);
    expect((await post('xml', form({ api_key: key }), limited)).status).toBe(201);
    const third = await post('json', form({ api_key: key }), limited);
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect((await post('xml', form({ api_key: key }), limited)).status).toBe(429);
    // another key has its own budget (a fresh one: on PostgreSQL the counts are shared by every app on the database, and the
    // demo key was used by the tests above)
    const other = createApiKey(createApiKeyRepository(s.db), 'quiet-partner').key;
    expect((await post('json', form({ api_key: other }), limited)).status).toBe(201);
  });
});

describe('GET requests, one request and tokens', () => {
  let filed: { service_request_id: string; token: string };
  beforeAll(async () => {
    filed = (await post('json', form({ phone: '13711112222', email: 'secret@example.com', first_name: 'Secret' }))).body[0];
  });

  it('returns requests by id list, in the order asked, without contact data', async () => {
    const json = await get(`/requests.json?service_request_id=QB2011-000002,${filed.service_request_id},QB2011-999999`);
    expect(json.status).toBe(200);
    expect(json.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(['QB2011-000002', filed.service_request_id]);
    expect(json.body[1]).toMatchObject({ status: 'open', status_notes: '已上报，待立案 (reported)', service_code: 'E01-02', service_name: '暴露垃圾', lat: HEFANG.lat, long: HEFANG.lon, address: expect.any(String), agency_responsible: null });
    expect(Object.keys(json.body[1]).sort()).toEqual(['address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url', 'requested_datetime',
      'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode'].sort());
    expect(json.body[1].requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(json.body[0]).toMatchObject({ status: 'closed', agency_responsible: expect.any(String), expected_datetime: expect.stringMatching(/^2011-.*\+08:00$/) });
    for (const fmt of ['json', 'xml']) {
      const text = (await get(`/requests.${fmt}?service_request_id=${filed.service_request_id}`)).text;
      expect(text).not.toMatch(/13711112222|secret@example\.com|Secret/);
    }
    const x = parsed(await get(`/requests.xml?service_request_id=QB2011-000002,${filed.service_request_id}`)).service_requests.request;
    expect(x.map((r: { service_request_id: string; status: string }) => [r.service_request_id, r.status])).toEqual([['QB2011-000002', 'closed'], [filed.service_request_id, 'open']]);
  });

  it('defaults to the last 90 days and filters by dates, service and status', async () => {
    const recent = (await get('/requests.json')).body as { service_request_id: string }[];
    expect(recent.map((r) => r.service_request_id)).toContain(filed.service_request_id);
    expect(recent.some((r) => r.service_request_id.startsWith('QB2011'))).toBe(false);

    const summer = (await get('/requests.json?start_date=2011-07-01&end_date=2011-08-31')).body as { status: string; requested_datetime: string; service_code: string }[];
    const inDb = s.db.prepare("SELECT count(*) FROM cases WHERE reported_at >= '2011-06-30T16:00:00.000Z' AND reported_at < '2011-08-31T16:00:00.000Z'").pluck().get();
    expect(summer).toHaveLength(inDb as number);
    expect(summer.every((r) => r.requested_datetime >= '2011-07-01' && r.requested_datetime < '2011-09')).toBe(true);
    expect(new Set(summer.map((r) => r.status))).toEqual(new Set(['closed']));
    expect(summer.filter((r) => r.requested_datetime < summer[0]!.requested_datetime)).toHaveLength(summer.length - 1); // newest first

    const rubbish = (await get('/requests.json?start_date=2011-07-01T00:00:00%2B08:00&end_date=2011-08-31&service_code=E01-02,E04-01')).body as { service_code: string }[];
    expect(rubbish.length).toBeGreaterThan(0);
    expect(new Set(rubbish.map((r) => r.service_code))).toEqual(new Set(['E01-02', 'E04-01']));
    expect((await get('/requests.json?start_date=2011-07-01&end_date=2011-08-31&status=open')).body).toEqual([]);
    const open = (await get('/requests.xml?status=open')).text;
    expect(xml.parse(open).service_requests.request.every((r: { status: string }) => r.status === 'open')).toBe(true);
  });

  it.each([
    ['more than 90 days', 'start_date=2011-01-01&end_date=2011-06-30', /at most 90 days apart/],
    ['start after end', 'start_date=2011-06-30&end_date=2011-06-01', /start_date is after end_date/],
    ['a bad date', 'start_date=yesterday', /start_date/],
    ['a bad status', 'status=pending', /status/],
    ['a bad id', 'service_request_id=1;DROP', /service_request_id/],
  ])('refuses %s with 400', async (_label, query, message) => {
    await expectError((fmt) => get(`/requests.${fmt}?${query}`), 400, message);
  });

  it('returns one request with its detailed state, and the notes extension on request', async () => {
    const json = await get('/requests/QB2011-000002.json');
    expect(json.body).toHaveLength(1);
    expect(json.body[0].status_notes).toMatch(/\((closed|rejected)\)$/);
    const withNotes = await get('/requests/QB2011-000002.json?extensions=true&lang=en');
    expect(withNotes.body[0].notes[0]).toEqual({ datetime: expect.stringMatching(/\+08:00$/), summary: 'report', type: 'activity', status: 'reported' });
    expect(withNotes.body[0].notes.at(-1).status).toBe(json.body[0].status_notes.match(/\((\w+)\)$/)[1]);
    const x = parsed(await get('/requests/QB2011-000002.xml?extensions=true')).service_requests.request[0];
    expect(x.notes.note.length).toBe(withNotes.body[0].notes.length);
    await expectError((fmt) => get(`/requests/QB2011-999999.${fmt}`), 404, /service_request_id "QB2011-999999" not found/);
    await expectError((fmt) => get(`/requests/nonsense.${fmt}`), 404, /not found/);
  });

  it('turns a token into its service_request_id', async () => {
    expect((await get(`/tokens/${filed.token}.json`)).body).toEqual([{ service_request_id: filed.service_request_id, token: filed.token }]);
    expect(parsed(await get(`/tokens/${filed.token}.xml`)).service_requests.request[0]).toEqual({ service_request_id: filed.service_request_id, token: filed.token });
    await expectError((fmt) => get(`/tokens/00000000-0000-4000-8000-000000000000.${fmt}`), 404, /token .* not found/);
  });

  it('needs a session for GETs when public read access is off, answered in the Open311 format', async () => {
    const closed = createApp({ db: s.db, config: { ...s.config, publicRead: false } });
    const res = await request(closed).get(`${V2}/services.xml`);
    expect(res.status).toBe(401);
    expect(parsed(res).errors.error[0].code).toBe('401');
  });
});
