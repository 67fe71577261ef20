import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../server/src/open311/api-keys';
import type { RunningServer } from '../../server/src/server';
import { startDemoServer } from '../helpers/demo-server';

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['endpoint', 'format', 'service', 'request', 'attribute', 'value', 'error'].includes(name) });

/** A GeoReport v2 client's round trip over real HTTP, as curl would make it: discovery, services, a report by address, and reading it back. */
describe('Open311 GeoReport v2 over HTTP', () => {
  let running: RunningServer;
  let tmp: string;

  beforeAll(async () => {
    ({ running, tmp } = await startDemoServer('qingbo-open311-'));
  }, 240_000);
  afterAll(async () => {
    await running?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('discovers the endpoint, files a report by address with a photo link, and reads it back in XML and JSON', async () => {
    const discovery = await fetch(`${running.url}/open311/discovery.xml`);
    expect(discovery.status).toBe(200);
    const [endpoint] = xml.parse(await discovery.text()).discovery.endpoints.endpoint;
    expect(endpoint.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    const v2 = endpoint.url as string;
    expect(v2).toBe(`${running.url}/open311/v2`);

    const services = await fetch(`${v2}/services.xml`);
    expect(endpoint.formats.format).toContain(services.headers.get('content-type')!.split(';')[0]);
    const codes = xml.parse(await services.text()).services.service.map((s: { service_code: string }) => s.service_code);
    expect(codes).toContain('E01-02');
    const definition = xml.parse(await (await fetch(`${v2}/services/E01-02.xml`)).text()).service_definition;
    expect(definition.attributes.attribute.map((a: { code: string }) => a.code)).toContain('urgency');

    const photo = 'https://photos.partner.example/2011/河坊街.jpg';
    const filed = await fetch(`${v2}/requests.xml`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: DEMO_API_KEY, service_code: 'E01-02', address_string: '河坊街180号', description: '清河坊街区门口有垃圾', media_url: photo, 'attribute[urgency]': 'urgent' }),
    });
    expect(filed.status).toBe(201);
    const [created] = xml.parse(await filed.text()).service_requests.request;
    expect(created.service_request_id).toMatch(/^QB\d{4}-\d{6}$/);

    const token = await (await fetch(`${v2}/tokens/${created.token}.json`)).json();
    expect(token).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);

    const [back] = xml.parse(await (await fetch(`${v2}/requests/${created.service_request_id}.xml`)).text()).service_requests.request;
    // 清河坊历史文化特色街区, 河坊街180号: (120.16524, 30.24218) in the district facts
    expect(back).toMatchObject({ status: 'open', service_code: 'E01-02', address: '河坊街180号', lat: '30.24218', long: '120.16524', media_url: photo, address_id: expect.stringMatching(/^landmarks:\d+$/) });
    const listed = await (await fetch(`${v2}/requests.json?service_request_id=${created.service_request_id}`)).json() as Record<string, unknown>[];
    expect(listed[0]).toMatchObject({ service_request_id: created.service_request_id, lat: 30.24218, long: 120.16524, media_url: photo });
  });

  it('takes a JSON report with the api_key in the query string, and refuses an address it cannot place', async () => {
    const post = (body: unknown) => fetch(`${running.url}/open311/v2/requests.json?api_key=${DEMO_API_KEY}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await post({ service_code: 'E01-02', address_string: '胡庆余堂' });
    expect(ok.status).toBe(201);
    const missed = await post({ service_code: 'E01-02', address_string: '火星路1号' });
    expect(missed.status).toBe(400);
    expect(await missed.json()).toEqual([{ code: 400, description: expect.stringContaining('"火星路1号" matches no street') }]);
  });
});
