import request from 'supertest';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import type { SecuredApp } from '../helpers/session';
import { createCasesApp } from '../helpers/cases';

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'endpoint' || name === 'format' || name === 'error' });

let s: SecuredApp;
beforeAll(async () => {
  s = await createCasesApp();
});

const discovery = (fmt: string, app = s.app) => request(app).get(`/open311/discovery.${fmt}`);

describe('GET /open311/discovery.{json,xml}', () => {
  it('describes the GeoReport v2 endpoint in JSON, its url built from the request', async () => {
    const res = await discovery('json').set('Host', 'open311.example.test:8080');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const changeset = s.db.prepare('SELECT max(updated_at) FROM case_categories').pluck().get() as string;
    expect(res.body).toEqual({
      changeset,
      contact: expect.stringContaining('清波'),
      key_service: expect.stringContaining('apikey add'),
      endpoints: [{
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'http://open311.example.test:8080/open311/v2',
        changeset,
        type: 'production',
        formats: ['application/xml', 'application/json'], // as the endpoint sends them
      }],
    });
    expect((await discovery('json?lang=en')).body.contact).toMatch(/^Qingbo Street/);
  });

  it('gives the same document in XML, one <endpoint> per endpoint and one <format> per MIME type', async () => {
    const host = 'open311.example.test';
    const json = (await discovery('json').set('Host', host)).body;
    const res = await discovery('xml').set('Host', host);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<discovery>')).toBe(true);
    const doc = xml.parse(res.text).discovery;
    expect(doc.changeset).toBe(json.changeset);
    expect(doc.contact).toBe(json.contact);
    expect(doc.key_service).toBe(json.key_service);
    expect(doc.endpoints.endpoint).toEqual([{ ...json.endpoints[0], formats: { format: json.endpoints[0].formats } }]);
  });

  it('uses PUBLIC_BASE_URL, the configured type and contact', async () => {
    const app = createApp({ db: s.db, config: { ...s.config, publicBaseUrl: 'https://map.qingbo.example', open311Type: 'test', open311Contact: '城管热线 12319' } });
    const res = await discovery('json', app);
    expect(res.body.contact).toBe('城管热线 12319');
    expect(res.body.endpoints[0]).toMatchObject({ url: 'https://map.qingbo.example/open311/v2', type: 'test' });
  });

  it('moves its changeset on when a service changes, so clients refresh their cached definitions', async () => {
    const before = (await discovery('json')).body.changeset as string;
    await new Promise((r) => setTimeout(r, 5));
    const put = await request(s.app).put('/api/cases/categories/E01-02').set('Cookie', await s.cookieFor('admin')).send({ duplicateRadiusM: 40 });
    expect(put.status).toBe(200);
    const after = (await discovery('json')).body;
    expect(after.changeset > before).toBe(true);
    expect(after.endpoints[0].changeset).toBe(after.changeset);
  });

  it('answers 404 in the Open311 error format for another format', async () => {
    const res = await discovery('html');
    expect(res.status).toBe(404);
    expect(res.body).toEqual([{ code: 404, description: expect.stringMatching(/json or xml/) }]);
  });

  it('needs a session when public read access is off', async () => {
    const closed = createApp({ db: s.db, config: { ...s.config, publicRead: false } });
    expect((await discovery('json', closed)).status).toBe(401);
    const cookie = await s.cookieFor('leader');
    expect((await discovery('xml', closed).set('Cookie', cookie)).status).toBe(200);
  });
});
