import request from 'supertest';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyRepository } from '../../server/src/open311/api-key-repository';
import { createApiKey, DEMO_API_KEY, seedDemoApiKey } from '../../server/src/open311/api-keys';
import type { SecuredApp } from '../helpers/session';
import { createCasesApp, HEFANG } from '../helpers/cases';

const V2 = '/open311/v2';
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'request' || name === 'format' || name === 'error' });
let s: SecuredApp;
beforeAll(async () => {
  s = await createCasesApp();
  seedDemoApiKey(s.db);
});

const fields = (over: Record<string, unknown> = {}) => ({ service_code: 'E01-02', lat: String(HEFANG.lat), long: String(HEFANG.lon), description: '河坊街口有一堆垃圾', ...over });
const caseCount = () => s.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;

describe('media_url', () => {
  it('is kept with the report and returned by GET requests, in JSON and XML', async () => {
    const photo = 'https://photos.example.org/qingbo/河坊街.jpg?size=large&v=2';
    const res = await request(s.app).post(`${V2}/requests.json`).type('form').send({ api_key: DEMO_API_KEY, ...fields({ media_url: photo }) });
    expect(res.status).toBe(201);
    const id = res.body[0].service_request_id as string;
    expect((await request(s.app).get(`${V2}/requests/${id}.json`)).body[0].media_url).toBe(photo);
    expect((await request(s.app).get(`${V2}/requests.json?service_request_id=${id}`)).body[0].media_url).toBe(photo);
    const x = await request(s.app).get(`${V2}/requests/${id}.xml`);
    expect(x.text).toContain('?size=large&amp;v=2');
    expect(xml.parse(x.text).service_requests.request[0].media_url).toBe(photo);
    const listed = (await request(s.app).get(`${V2}/requests.json`)).body as { service_request_id: string; media_url: string | null }[];
    expect(listed.find((r) => r.service_request_id === id)?.media_url).toBe(photo);
  });

  it('is null for a report without one', async () => {
    const res = await request(s.app).post(`${V2}/requests.json`).type('form').send({ api_key: DEMO_API_KEY, ...fields() });
    expect((await request(s.app).get(`${V2}/requests/${res.body[0].service_request_id}.json`)).body[0].media_url).toBeNull();
  });
});

describe('api_key and the body', () => {
  it('reads api_key from the query string of a form POST', async () => {
    const res = await request(s.app).post(`${V2}/requests.xml?api_key=${DEMO_API_KEY}`).type('form').send(fields());
    expect(res.status).toBe(201);
    expect(xml.parse(res.text).service_requests.request[0].service_request_id).toMatch(/^QB\d{4}-\d{6}$/);
  });

  it('takes a JSON body with the same names (numbers as numbers, attributes nested or not)', async () => {
    const res = await request(s.app).post(`${V2}/requests.json`).send({
      api_key: DEMO_API_KEY, service_code: 'E01-02', lat: HEFANG.lat, long: HEFANG.lon, description: 'JSON 上报', media_url: 'https://example.org/a.jpg',
      attribute: { urgency: 'urgent' }, 'attribute[landmark]': '胡庆余堂对面',
    });
    expect(res.status).toBe(201);
    const id = res.body[0].service_request_id as string;
    const data = JSON.parse(s.db.prepare("SELECT e.data FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.number = ? AND e.action = 'report'").pluck().get(id) as string);
    expect(data).toMatchObject({ apiKey: 'demo', mediaUrl: 'https://example.org/a.jpg', attributes: { urgency: 'urgent', landmark: '胡庆余堂对面' } });
    const { key } = createApiKey(createApiKeyRepository(s.db), 'json-partner');
    const byQuery = await request(s.app).post(`${V2}/requests.json?api_key=${encodeURIComponent(key)}`).send({ service_code: 'E01-02', address_string: '河坊街' });
    expect(byQuery.status).toBe(201);
    const byQueryData = s.db.prepare('SELECT e.data FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.number = ?').pluck().get(byQuery.body[0].service_request_id) as string;
    expect(JSON.parse(byQueryData).apiKey).toBe('json-partner');
  });

  it.each([
    ['a wrong key in the query string', `?api_key=guessed`, {}, 403, /a valid api_key is required/],
    ['a wrong key in a JSON body', '', { api_key: 'guessed' }, 403, /a valid api_key is required/],
    ['two different keys', '?api_key=guessed', { api_key: DEMO_API_KEY }, 400, /api_key is given twice/],
    ['a JSON array', '', null, 403, /a valid api_key is required/],
    ['a JSON field of the wrong type', '', { api_key: DEMO_API_KEY, description: 42 }, 400, /description/],
  ])('refuses %s, filing nothing', async (_label, query, body, status, message) => {
    const before = caseCount();
    const res = await request(s.app).post(`${V2}/requests.json${query}`).send(body === null ? [fields({ api_key: DEMO_API_KEY })] : fields(body));
    expect(res.status).toBe(status);
    expect(res.body).toEqual([{ code: status, description: expect.stringMatching(message) }]);
    expect(caseCount()).toBe(before);
  });
});

describe('discovery formats', () => {
  it('lists the media types the endpoint really sends', async () => {
    const listed = (await request(s.app).get('/open311/discovery.json')).body.endpoints[0].formats as string[];
    const sent = await Promise.all(['xml', 'json'].map(async (f) => (await request(s.app).get(`${V2}/services.${f}`)).headers['content-type']!.split(';')[0]));
    expect(listed).toEqual(sent);
    expect(listed).toEqual(['application/xml', 'application/json']);
  });
});
