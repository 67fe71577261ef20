import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app';
import { DEMO_API_KEY, seedDemoApiKey } from '../../server/src/open311/api-keys';
import type { SecuredApp } from '../helpers/session';
import { createCasesApp, HEFANG } from '../helpers/cases';

const MAP = 'https://map.partner.example';
let s: SecuredApp;
let app: App;
let filed: { service_request_id: string; token: string };
beforeAll(async () => {
  s = await createCasesApp();
  seedDemoApiKey(s.db);
  app = createApp({ db: s.db, config: { ...s.config, corsOrigins: [MAP] } });
  filed = (await request(app).post('/open311/v2/requests.json').type('form')
    .send({ api_key: DEMO_API_KEY, service_code: 'E01-02', lat: String(HEFANG.lat), long: String(HEFANG.lon) })).body[0];
});

const READS = () => [
  '/open311/discovery.json', '/open311/discovery.xml', '/open311/v2/services.json', '/open311/v2/services.xml', '/open311/v2/services/E01-02.json',
  '/open311/v2/requests.json', `/open311/v2/requests.xml?service_request_id=${filed.service_request_id}`, `/open311/v2/requests/${filed.service_request_id}.json`,
  `/open311/v2/tokens/${filed.token}.xml`,
];

describe('CORS on Open311 (CORS_ORIGINS allowlist)', () => {
  it('lets an allowed origin read every GET endpoint, without credentials', async () => {
    for (const url of READS()) {
      const res = await request(app).get(url).set('Origin', MAP);
      expect(res.status, url).toBe(200);
      expect(res.headers['access-control-allow-origin'], url).toBe(MAP);
      expect(res.headers['access-control-allow-credentials'], url).toBeUndefined();
      expect(res.headers.vary, url).toMatch(/Origin/);
    }
  });

  it('says nothing to another origin, and nothing when CORS is off', async () => {
    const other = await request(app).get('/open311/v2/services.json').set('Origin', 'https://elsewhere.example');
    expect(other.status).toBe(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const off = await request(s.app).get('/open311/v2/services.json').set('Origin', MAP);
    expect(off.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers the preflight of a read, and keeps POST requests same-origin (no CORS headers)', async () => {
    const preflight = await request(app).options('/open311/v2/requests.json').set('Origin', MAP).set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(MAP);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    const post = await request(app).options('/open311/v2/requests.json').set('Origin', MAP).set('Access-Control-Request-Method', 'POST');
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    const filing = await request(app).post('/open311/v2/requests.json').set('Origin', MAP).type('form')
      .send({ api_key: DEMO_API_KEY, service_code: 'E01-02', address_string: '河坊街' });
    expect(filing.status).toBe(201);
    expect(filing.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets an allowed origin read Open311 errors too', async () => {
    const res = await request(app).get('/open311/v2/requests/QB2011-999999.json').set('Origin', MAP);
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe(MAP);
  });
});
