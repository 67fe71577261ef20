import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, seedDemoApiKey } from '../../server/src/open311/api-keys';
import type { SecuredApp } from '../helpers/session';
import { createCasesApp } from '../helpers/cases';

const V2 = '/open311/v2';
let s: SecuredApp;
beforeAll(async () => {
  s = await createCasesApp();
  seedDemoApiKey(s.db);
});

const post = (body: Record<string, string>) => request(s.app).post(`${V2}/requests.json`).type('form')
  .send({ api_key: DEMO_API_KEY, service_code: 'E01-02', description: '路边有一堆垃圾', ...body });
const caseCount = () => s.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
const reportData = (number: string) => JSON.parse(s.db.prepare("SELECT e.data FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.number = ? AND e.action = 'report'").pluck().get(number) as string) as Record<string, unknown>;
const caseRow = (number: string) => s.db.prepare('SELECT lon, lat, address, community_code FROM cases WHERE number = ?').get(number) as { lon: number; lat: number; address: string; community_code: string };

async function filedAt(address: Record<string, string>) {
  const res = await post(address);
  expect(res.status, res.text).toBe(201);
  const id = res.body[0].service_request_id as string;
  const [served] = (await request(s.app).get(`${V2}/requests/${id}.json`)).body;
  return { res, id, served, row: caseRow(id), data: reportData(id) };
}

describe('POST requests placed by address (no lat/long)', () => {
  it('places a landmark named exactly at the landmark, and records where the point came from', async () => {
    const { res, row, served, data } = await filedAt({ address_string: '胡庆余堂' });
    expect([row.lon, row.lat]).toEqual([120.16432, 30.24207]); // 大井巷95号, from the district facts
    expect(row.address).toBe('胡庆余堂');
    expect(row.community_code).toBe('330102001055'); // 清河坊社区
    expect(res.body[0].service_notice).toContain('已按地址定位到：胡庆余堂');
    expect(served).toMatchObject({ lat: 30.24207, long: 120.16432, address: '胡庆余堂', address_id: expect.stringMatching(/^landmarks:\d+$/) });
    expect(data.location).toEqual({ source: 'address_string', addressId: served.address_id, place: '胡庆余堂', match: 'exact' });
  });

  it('reads full-width digits, 號, spaces and the city prefix as the plain address', async () => {
    const { row, data } = await filedAt({ address_string: ' 杭州市上城区 蔡官巷３５號 ' });
    expect([row.lon, row.lat]).toEqual([120.1571, 30.24135]); // 清波门社区居委会, a point, before the community polygon with the same office address
    expect(row.address).toBe(' 杭州市上城区 蔡官巷３５號 '.trim());
    expect(data.location).toMatchObject({ source: 'address_string', place: '蔡官巷35号', match: 'exact', addressId: expect.stringMatching(/^service-facilities:\d+$/) });
  });

  it('places an unknown house number on its street, inside the district', async () => {
    const { row, data } = await filedAt({ address_string: '南山路99号' });
    expect(data.location).toMatchObject({ place: '南山路', match: 'prefix', addressId: expect.stringMatching(/^roads:\d+$/) });
    expect(row.lon).toBeGreaterThan(120.152);
    expect(row.lon).toBeLessThan(120.156);
    expect(row.lat).toBeGreaterThan(30.235);
    expect(row.lat).toBeLessThan(30.248);
    expect(row.community_code).toBe('330102001051'); // 清波门社区, along the lake
  });

  it('places a report by an address_id it was given back, and prefers coordinates when both are sent', async () => {
    const first = await filedAt({ address_string: '鼓楼' });
    const again = await filedAt({ address_id: first.served.address_id as string });
    expect([again.row.lon, again.row.lat]).toEqual([first.row.lon, first.row.lat]);
    expect(again.served.address_id).toBe(first.served.address_id);
    expect(again.data.location).toMatchObject({ source: 'address_id', match: 'address_id' });
    const both = await filedAt({ address_string: '鼓楼', lat: '30.24242', long: '120.16426' });
    expect([both.row.lon, both.row.lat]).toEqual([120.16426, 30.24242]);
    expect(both.data.location).toEqual({ source: 'coordinates' });
    expect(both.served.address_id).toBeNull();
  });

  it.each([
    ['an address nothing matches', { address_string: '解放路100号' }, /address_string "解放路100号" matches no street, address or place in the Qingbo district/],
    ['a place outside the district', { address_string: '雷峰塔' }, /address_string "雷峰塔" matches no street/],
    ['an unknown address_id', { address_id: 'landmarks:999999' }, /address_id "landmarks:999999" names no place/],
    ['an address over 200 characters', { address_string: '河'.repeat(201) }, /address_string/],
    ['an address with control characters', { address_string: '河坊街\u0007' }, /address_string/],
    ['lat without long', { lat: '30.24242' }, /lat and long must be given together/],
    ['neither coordinates nor an address', {}, /lat and long are required \(or an address_string or address_id/],
  ])('refuses %s with a 400 naming it, filing nothing', async (_label, body, message) => {
    const before = caseCount();
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual([{ code: 400, description: expect.stringMatching(message) }]);
    expect(caseCount()).toBe(before);
  });
});
