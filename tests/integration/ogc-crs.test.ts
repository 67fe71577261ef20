import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app';

// expected coordinates were computed independently with PROJ (GDAL 3.6's gdaltransform, EPSG:4326 → EPSG:3857):
// room 1 of the fixture at (120.151, 30.231) is (13375148.1383026, 3533277.43226052) in metres;
// the alley 羊坝头 (120.155 30.24, 120.157 30.241) is (13375593.4162658 3534437.05999321, 13375816.0552474 3534565.9140732)
const { app } = createTestApp();
const ROOMS = '/ogc/collections/garbage-rooms/items';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const EPSG = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;

async function get(path: string, query: Record<string, string> = {}) {
  const res = await request(app).get(path).query(query);
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  return { res, body: JSON.parse(res.text) };
}

async function refused(path: string, query: Record<string, string>, pattern: RegExp) {
  const res = await request(app).get(path).query(query);
  expect(res.status).toBe(400);
  expect(JSON.parse(res.text).error.message).toMatch(pattern);
}

describe('OGC API – Features Part 2: CRS metadata', () => {
  it('declares the crs class and lists storageCrs and the four CRSs per collection', async () => {
    expect((await get('/ogc/conformance')).body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs');
    const { body } = await get('/ogc/collections');
    for (const c of body.collections) {
      expect(c.storageCrs).toBe(CRS84);
      expect(c.crs).toEqual([CRS84, EPSG(4326), EPSG(3857), EPSG(4490)]);
    }
  });
});

describe('OGC API – Features Part 2: crs', () => {
  it('serves CRS84 by default and says so in Content-Crs', async () => {
    const { res, body } = await get(ROOMS, { limit: '1' });
    expect(res.headers['content-crs']).toBe(`<${CRS84}>`);
    expect(body.features[0].geometry.coordinates).toEqual([120.151, 30.231]);
  });

  it.each([
    [EPSG(4326), [30.231, 120.151]],
    [EPSG(4490), [30.231, 120.151]],
    [EPSG(3857), [13375148.14, 3533277.43]],
    [CRS84, [120.151, 30.231]],
  ])('serves %s (latitude first for EPSG:4326 and 4490, metres for 3857)', async (crs, expected) => {
    const { res, body } = await get(ROOMS, { limit: '1', crs });
    expect(res.headers['content-crs']).toBe(`<${crs}>`);
    expect(body.features[0].geometry.coordinates).toEqual(expected);
  });

  it('transforms every vertex of a line and rounds to centimetres', async () => {
    const { body } = await get('/ogc/collections/alleys/items', { crs: EPSG(3857), filter: "name = '羊坝头'" });
    expect(body.features[0].geometry.coordinates).toEqual([[13375593.42, 3534437.06], [13375816.06, 3534565.91]]);
  });

  it('accepts safe CURIEs', async () => {
    const { res, body } = await get(ROOMS, { limit: '1', crs: '[EPSG:3857]' });
    expect(res.headers['content-crs']).toBe(`<${EPSG(3857)}>`);
    expect(body.features[0].geometry.coordinates).toEqual([13375148.14, 3533277.43]);
  });

  it('serves one feature in a CRS, with Content-Crs', async () => {
    const id = (await get(ROOMS, { limit: '1' })).body.features[0].id;
    const { res, body } = await get(`${ROOMS}/${id}`, { crs: EPSG(4490) });
    expect(res.headers['content-crs']).toBe(`<${EPSG(4490)}>`);
    expect(body.geometry.coordinates).toEqual([30.231, 120.151]);
    expect(res.headers.etag).toMatch(/^"\d+-\d+"$/);
  });

  it('keeps crs in next links', async () => {
    const { body } = await get(ROOMS, { limit: '5', crs: EPSG(3857) });
    const next = body.links.find((l: { rel: string }) => l.rel === 'next');
    expect(new URL(next.href).searchParams.get('crs')).toBe(EPSG(3857));
  });

  it('refuses an unsupported CRS', async () => {
    await refused(ROOMS, { crs: EPSG(2385) }, /crs ".*2385" is not supported; use one of: .*CRS84/);
    await refused(ROOMS, { crs: 'EPSG:4326x' }, /is not supported/);
    const id = (await get(ROOMS, { limit: '1' })).body.features[0].id;
    await refused(`${ROOMS}/${id}`, { crs: 'urn:ogc:def:crs:EPSG::2000' }, /is not supported/);
  });
});

describe('OGC API – Features Part 2: bbox-crs', () => {
  const names = async (query: Record<string, string>) => (await get(ROOMS, query)).body.features.map((f: { properties: { name: string } }) => f.properties.name);

  it('reads a bbox in CRS84, EPSG:4326/4490 (latitude first) and EPSG:3857 (metres)', async () => {
    const first4 = ['垃圾房1', '垃圾房2', '垃圾房3', '垃圾房4'];
    expect(await names({ bbox: '120.150,30.230,120.156,30.236' })).toEqual(first4);
    expect(await names({ bbox: '120.150,30.230,120.156,30.236', 'bbox-crs': CRS84 })).toEqual(first4);
    expect(await names({ bbox: '30.230,120.150,30.236,120.156', 'bbox-crs': EPSG(4326) })).toEqual(first4);
    expect(await names({ bbox: '30.230,120.150,30.236,120.156', 'bbox-crs': EPSG(4490) })).toEqual(first4);
    // (120.150, 30.230) and (120.156, 30.236) in metres, from gdaltransform
    expect(await names({ bbox: '13375036.82,3533148.59,13375704.74,3533921.66', 'bbox-crs': EPSG(3857) })).toEqual(first4);
    expect(await names({ bbox: '13375100,3533200,13375200,3533300', 'bbox-crs': EPSG(3857) })).toEqual(['垃圾房1']);
  });

  it('combines bbox-crs with an output crs', async () => {
    const { body } = await get(ROOMS, { bbox: '13375100,3533200,13375200,3533300', 'bbox-crs': EPSG(3857), crs: EPSG(4326) });
    expect(body.features.map((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates)).toEqual([[30.231, 120.151]]);
  });

  it('refuses an unsupported bbox-crs and a lon-first bbox given as EPSG:4326', async () => {
    await refused(ROOMS, { bbox: '1,2,3,4', 'bbox-crs': EPSG(32651) }, /bbox-crs .* is not supported/);
    await refused(ROOMS, { bbox: '120.150,30.230,120.156,30.236', 'bbox-crs': EPSG(4326) }, /bbox is out of range/);
  });
});
