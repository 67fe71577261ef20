import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app';

// fixture (tests/helpers/fixture-data.ts): garbage room i = 1..12 is "垃圾房i" / "Room i" at
// (120.151 + 0.0015 (i-1), 30.231 + 0.0015 (i-1)), open when i is odd, serving 100 i households,
// sorting when i is a multiple of 3, opened on 2011-MM-15 with MM = (i mod 9) + 1
const { app } = createTestApp();
const ROOMS = '/ogc/collections/garbage-rooms/items';

async function items(query: Record<string, string>, path = ROOMS) {
  const res = await request(app).get(path).query({ limit: '100', ...query });
  expect(res.status, `${JSON.stringify(query)}: ${res.text.slice(0, 300)}`).toBe(200);
  return JSON.parse(res.text) as { numberMatched: number; features: { id: number; properties: Record<string, unknown> }[]; links: { rel: string; href: string }[] };
}

/** The room numbers a CQL2 text filter selects, in id order. */
async function rooms(filter: string, extra: Record<string, string> = {}): Promise<number[]> {
  const body = await items({ filter, ...extra });
  expect(body.features.length).toBe(body.numberMatched);
  return body.features.map((f) => Number(String(f.properties.name).replace('垃圾房', '')));
}

/** Asserts a 400 whose message matches; how fast it comes is the abuse bench's business (`npm run bench -- abuse`). */
async function refused(query: Record<string, string>, pattern: RegExp, path = ROOMS): Promise<void> {
  const res = await request(app).get(path).query(query);
  expect(res.status, res.text.slice(0, 300)).toBe(400);
  expect(JSON.parse(res.text).error.message).toMatch(pattern);
}

describe('OGC API – Features Part 3: conformance', () => {
  it('declares Part 3 and the CQL2 classes it implements', async () => {
    const res = await request(app).get('/ogc/conformance');
    const classes = JSON.parse(res.text).conformsTo as string[];
    expect(classes).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
      'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
      'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
      'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
      'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
      'http://www.opengis.net/spec/cql2/1.0/conf/cql2-json',
      'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
      'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
      'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
      'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus',
      'http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions',
    ]));
    expect(classes.filter((c) => /case-insensitive|accent-insensitive|conf\/spatial-functions|array-functions|arithmetic/.test(c))).toEqual([]);
  });

  it('lists filter-lang with cql-text in the OpenAPI document (what GDAL 3.6 looks for)', async () => {
    const api = JSON.parse((await request(app).get('/ogc/api')).text);
    expect(api.components.parameters['filter-lang'].schema.enum).toEqual(['cql2-text', 'cql2-json', 'cql-text']);
    const refs = api.paths['/collections/garbage-rooms/items'].get.parameters.map((p: { $ref?: string }) => p.$ref).filter(Boolean);
    expect(refs).toEqual(expect.arrayContaining(['#/components/parameters/filter', '#/components/parameters/filter-lang', '#/components/parameters/sortby', '#/components/parameters/properties']));
  });
});

describe('CQL2 text: basic-cql2 and advanced comparison operators', () => {
  it.each([
    ["status = 'closed'", [2, 4, 6, 8, 10, 12]],
    ["status <> 'closed'", [1, 3, 5, 7, 9, 11]],
    ['households_served < 300', [1, 2]],
    ['households_served <= 300', [1, 2, 3]],
    ['households_served > 1000', [11, 12]],
    ['households_served >= 1000', [10, 11, 12]],
    ['sorting = TRUE', [3, 6, 9, 12]],
    ["opened_date = '2011-04-15'", [3, 12]],
    ["opened_date < DATE('2011-03-01')", [1, 9, 10]],
    ["status = 'open' AND households_served > 500", [7, 9, 11]],
    ["status = 'open' OR sorting = true", [1, 3, 5, 6, 7, 9, 11, 12]],
    ["NOT (status = 'open')", [2, 4, 6, 8, 10, 12]],
    ["not status = 'open' and sorting = true", [6, 12]],
    ["(status = 'open' OR sorting = true) AND households_served < 400", [1, 3]],
    ["name LIKE '垃圾房1_'", [10, 11, 12]],
    ["name LIKE '垃圾房1%'", [1, 10, 11, 12]],
    ["name_en LIKE 'room%'", []],
    ["name_en NOT LIKE 'Room 1%'", [2, 3, 4, 5, 6, 7, 8, 9]],
    ["name_en LIKE 'Room 1\\%'", []],
    ["name_en LIKE 'Room [1]'", []],
    ["name_en LIKE 'Room *'", []],
    ["name_en ILIKE 'room 1_'", [10, 11, 12]],
    ['households_served IN (100, 300, 1300)', [1, 3]],
    ["status NOT IN ('open')", [2, 4, 6, 8, 10, 12]],
    ['households_served BETWEEN 300 AND 500', [3, 4, 5]],
    ['households_served NOT BETWEEN 300 AND 1100', [1, 2, 12]],
    ['"households_served" = 200', [2]],
    ["status = 'open'' OR ''1''=''1'", []],
    ['TRUE', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ])('%s', async (filter, expected) => {
    expect(await rooms(filter)).toEqual(expected);
  });

  it('IS NULL and IS NOT NULL on properties some features lack', async () => {
    const names = async (filter: string) => (await items({ filter }, '/ogc/collections/alleys/items')).features.map((f) => f.properties.name);
    expect(await names('completed_date IS NULL')).toEqual(['红门局']);
    expect(await names('length_m IS NOT NULL')).toEqual(['羊坝头']);
    expect(await names('NOT length_m > 100')).toEqual([]);
  });
});

describe('CQL2 spatial and temporal functions', () => {
  it.each([
    ['S_INTERSECTS(geometry, BBOX(120.150, 30.230, 120.156, 30.236))', [1, 2, 3, 4]],
    ['S_INTERSECTS(geometry, ENVELOPE(120.150, 30.230, 120.156, 30.236))', [1, 2, 3, 4]],
    ['S_INTERSECTS(geometry, POINT(120.151 30.231))', [1]],
    ['S_INTERSECTS(geometry, POLYGON((120.150 30.230, 120.1685 30.230, 120.150 30.2485, 120.150 30.230)))', [1, 2, 3, 4, 5, 6]],
    ['S_INTERSECTS(geometry, MULTIPOINT((120.151 30.231), (120.154 30.234)))', [1, 3]],
    ['S_INTERSECTS(geometry, MULTIPOINT(120.151 30.231, 120.154 30.234))', [1, 3]],
    ['S_INTERSECTS(geometry, MULTILINESTRING((120.151 30.230, 120.151 30.232), (120.154 30.233, 120.154 30.235)))', [1, 3]],
    ['S_INTERSECTS(geometry, MULTIPOLYGON(((120.150 30.230, 120.152 30.230, 120.152 30.232, 120.150 30.232, 120.150 30.230)), ((120.1535 30.2335, 120.1545 30.2335, 120.1545 30.2345, 120.1535 30.2345, 120.1535 30.2335))))', [1, 3]],
    ['S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(120.151 30.231), POLYGON((120.1535 30.2335, 120.1545 30.2335, 120.1545 30.2345, 120.1535 30.2345, 120.1535 30.2335))))', [1, 3]],
    ['S_INTERSECTS(geometry, POINT Z(120.151 30.231 5))', [1]],
    ["S_INTERSECTS(geometry, POLYGON((120.150 30.230, 120.1685 30.230, 120.150 30.2485, 120.150 30.230))) AND status = 'closed'", [2, 4, 6]],
    ["T_INTERSECTS(opened_date, INTERVAL('2011-02-01', '2011-03-31'))", [1, 2, 10, 11]],
    ["T_DURING(opened_date, INTERVAL('2011-02-15', '2011-03-31'))", [2, 11]],
    ["T_BEFORE(opened_date, DATE('2011-02-15'))", [9]],
    ["T_AFTER(opened_date, TIMESTAMP('2011-08-31T00:00:00Z'))", [8]],
    ["T_INTERSECTS(opened_date, INTERVAL('..', '2011-01-31'))", [9]],
    ["T_EQUALS(opened_date, DATE('2011-04-15'))", [3, 12]],
    ["T_DISJOINT(opened_date, INTERVAL('2011-02-01', '2011-09-30'))", [9]],
  ])('%s', async (filter, expected) => {
    expect(await rooms(filter)).toEqual(expected);
  });

  it('tests lines exactly after the bbox prefilter', async () => {
    const names = async (filter: string) => (await items({ filter }, '/ogc/collections/alleys/items')).features.map((f) => f.properties.name);
    // inside 羊坝头's bbox but below the line
    expect(await names('S_INTERSECTS(geometry, BBOX(120.1565, 30.2400, 120.1570, 30.2402))')).toEqual([]);
    expect(await names('S_INTERSECTS(geometry, BBOX(120.1555, 30.2400, 120.1570, 30.2410))')).toEqual(['羊坝头']);
    expect(await names('S_INTERSECTS(geometry, LINESTRING(120.161 30.244, 120.161 30.246))')).toEqual(['红门局']);
    expect(await names("T_INTERSECTS(completed_date, DATE('2011-06-30'))")).toEqual(['羊坝头']);
  });

  it('reads intervals bounded by date properties, a missing end being open', async () => {
    const names = async (filter: string, lang = 'cql2-text') => (await items({ filter, 'filter-lang': lang }, '/ogc/collections/alleys/items')).features.map((f) => f.properties.name);
    // 羊坝头 ran 2011-03-01 – 2011-06-30; 红门局 started 2011-07-01 and has no end yet
    expect(await names("T_INTERSECTS(INTERVAL(start_date, completed_date), INTERVAL('2011-08-01', '2011-08-31'))")).toEqual(['红门局']);
    expect(await names("T_INTERSECTS(INTERVAL(start_date, completed_date), DATE('2011-05-01'))")).toEqual(['羊坝头']);
    expect(await names("T_FINISHEDBY(INTERVAL(start_date, completed_date), DATE('2011-06-30'))")).toEqual(['羊坝头']);
    expect(await names("T_BEFORE(INTERVAL('2011-01-01', start_date), DATE('2011-07-01'))")).toEqual(['羊坝头']);
    const json = { op: 't_intersects', args: [{ interval: [{ property: 'start_date' }, { property: 'completed_date' }] }, { interval: ['2011-08-01', '2011-08-31'] }] };
    expect(await names(JSON.stringify(json), 'cql2-json')).toEqual(['红门局']);
  });

  it('reads geometry literals in filter-crs', async () => {
    expect(await rooms('S_INTERSECTS(geometry, POINT(30.231 120.151))', { 'filter-crs': 'http://www.opengis.net/def/crs/EPSG/0/4326' })).toEqual([1]);
    expect(await rooms('S_INTERSECTS(geometry, BBOX(13375100, 3533200, 13375200, 3533300))', { 'filter-crs': 'http://www.opengis.net/def/crs/EPSG/0/3857' })).toEqual([1]);
    await refused({ filter: 'S_INTERSECTS(geometry, POINT(30.231 120.151))' }, /outside the valid range/);
    await refused({ filter: 'S_INTERSECTS(geometry, POINT(1 2))', 'filter-crs': 'http://www.opengis.net/def/crs/EPSG/0/2385' }, /filter-crs .* is not supported/);
  });
});

describe('CQL2 JSON', () => {
  const json = (filter: unknown) => rooms(JSON.stringify(filter), { 'filter-lang': 'cql2-json' });
  const prop = (property: string) => ({ property });

  it('reads each operator', async () => {
    expect(await json({ op: 'and', args: [{ op: '=', args: [prop('status'), 'open'] }, { op: '>', args: [prop('households_served'), 500] }] })).toEqual([7, 9, 11]);
    expect(await json({ op: 'or', args: [{ op: '=', args: [prop('sorting'), true] }, { op: 'not', args: [{ op: '<>', args: [prop('name_en'), 'Room 1'] }] }] })).toEqual([1, 3, 6, 9, 12]);
    expect(await json({ op: 'like', args: [prop('name'), '垃圾房1_'] })).toEqual([10, 11, 12]);
    expect(await json({ op: 'in', args: [prop('households_served'), [100, 300]] })).toEqual([1, 3]);
    expect(await json({ op: 'between', args: [prop('households_served'), 300, 500] })).toEqual([3, 4, 5]);
    expect(await json({ op: 'isNull', args: [prop('households_served')] })).toEqual([]);
    expect(await json({ op: 's_intersects', args: [prop('geometry'), { bbox: [120.150, 30.230, 120.156, 30.236] }] })).toEqual([1, 2, 3, 4]);
    expect(await json({ op: 's_intersects', args: [prop('geometry'), { type: 'Point', coordinates: [120.151, 30.231] }] })).toEqual([1]);
    expect(await json({ op: 's_intersects', args: [prop('geometry'), { type: 'LineString', coordinates: [[120.151, 30.230], [120.151, 30.240]] }] })).toEqual([1]);
    const square = (x: number, y: number) => [[[x - 0.0005, y - 0.0005], [x + 0.0005, y - 0.0005], [x + 0.0005, y + 0.0005], [x - 0.0005, y + 0.0005], [x - 0.0005, y - 0.0005]]];
    expect(await json({ op: 's_intersects', args: [prop('geometry'), { type: 'MultiPolygon', coordinates: [square(120.151, 30.231), square(120.154, 30.234)] }] })).toEqual([1, 3]);
    expect(await json({ op: 's_intersects', args: [{ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [120.154, 30.234] }] }, prop('geometry')] })).toEqual([3]);
    expect(await json({ op: 't_intersects', args: [prop('opened_date'), { interval: ['2011-02-01', '2011-03-31'] }] })).toEqual([1, 2, 10, 11]);
    expect(await json({ op: 't_after', args: [prop('opened_date'), { timestamp: '2011-08-31T00:00:00Z' }] })).toEqual([8]);
    expect(await json({ op: '<', args: [prop('opened_date'), { date: '2011-03-01' }] })).toEqual([1, 9, 10]);
    expect(await json(true)).toHaveLength(12);
  });

  it('refuses malformed JSON and unknown properties', async () => {
    await refused({ filter: '{"op":', 'filter-lang': 'cql2-json' }, /not valid JSON/);
    await refused({ filter: '{"op":"=","args":[{"property":"__proto__"},1]}', 'filter-lang': 'cql2-json' }, /unknown property "__proto__"/);
    await refused({ filter: '{"op":"=","args":[{"property":"status"},1]}', 'filter-lang': 'cql2-json' }, /"status" is string/);
    await refused({ filter: '"status"', 'filter-lang': 'cql2-json' }, /"op"/);
  });
});

describe('filters keep paging exact', () => {
  it('counts every match and carries the filter in next links', async () => {
    const ids: number[] = [];
    let url: string | undefined = `${ROOMS}?limit=4&filter=${encodeURIComponent("status = 'open'")}`;
    let pages = 0;
    while (url) {
      const res = await request(app).get(url);
      const body = JSON.parse(res.text);
      expect(body.numberMatched).toBe(6);
      for (const f of body.features) expect(f.properties.status).toBe('open');
      ids.push(...body.features.map((f: { id: number }) => f.id));
      const next = body.links.find((l: { rel: string }) => l.rel === 'next');
      if (next) expect(new URL(next.href).searchParams.get('filter')).toBe("status = 'open'");
      url = next ? new URL(next.href).pathname + new URL(next.href).search : undefined;
      pages += 1;
    }
    expect(pages).toBe(2);
    expect(new Set(ids).size).toBe(6);
  });
});

describe('sortby and properties', () => {
  const served = async (query: Record<string, string>) => (await items(query)).features.map((f) => f.properties.households_served);

  it('sorts by queryables and id, either way', async () => {
    expect(await served({ sortby: '-households_served', limit: '3' })).toEqual([1200, 1100, 1000]);
    expect(await served({ sortby: 'status,-households_served', limit: '7' })).toEqual([1200, 1000, 800, 600, 400, 200, 1100]);
    expect((await items({ sortby: '+name', limit: '3' })).features.map((f) => f.properties.name)).toEqual(['垃圾房1', '垃圾房10', '垃圾房11']);
    const byId = (await items({ sortby: '-id' })).features.map((f) => f.id);
    expect(byId).toEqual([...byId].sort((a, b) => b - a));
    expect(await served({ sortby: '-households_served', filter: "status = 'open'", limit: '2', offset: '1' })).toEqual([900, 700]);
  });

  it('keeps only the properties asked for', async () => {
    const body = await items({ properties: 'name,households_served', limit: '2' });
    expect(body.features.map((f) => f.properties)).toEqual([{ name: '垃圾房1', households_served: 100 }, { name: '垃圾房2', households_served: 200 }]);
    expect((await items({ properties: '', limit: '1' })).features[0]!.properties).toEqual({});
  });

  it('refuses unknown names', async () => {
    await refused({ sortby: 'colour' }, /sortby: unknown property "colour"/);
    await refused({ properties: 'name,colour' }, /properties: unknown property "colour"/);
    await refused({ properties: '__proto__' }, /unknown property "__proto__"/);
  });
});

describe('bad and hostile filters are refused fast, before any query', () => {
  it.each([
    ['nope = 1', /unknown property "nope"; the queryables of "garbage-rooms" are: name, name_en, status/],
    ['__proto__ = 1', /unknown property "__proto__"/],
    ['constructor IS NULL', /unknown property "constructor"/],
    ["households_served = 'many'", /"households_served" is integer/],
    ['status > 5', /"status" is string/],
    ["sorting = 'yes'", /"sorting" is boolean/],
    ['name BETWEEN 1 AND 2', /BETWEEN needs a numeric property/],
    ['households_served LIKE 1', /LIKE needs a string property/],
    ["T_INTERSECTS(status, DATE('2011-01-01'))", /not a date or date-time property/],
    ["opened_date < TIMESTAMP('2011-01-01T00:00:00Z')", /not a date-time property/],
    ["T_INTERSECTS(opened_date, DATE('2011-02-30x'))", /not a date/],
    ['S_CONTAINS(geometry, POINT(120 30))', /S_CONTAINS is not supported/],
    ['S_INTERSECTS(geometry, POLYGON((120 30, 121 30, 121 31, 120 30.5)))', /ring is closed/],
    ['geometry = 1', /can only be used in S_INTERSECTS/],
    ["CASEI(name) = 'x'", /function CASEI\(\) is not supported/],
    ["status = 'open", /unterminated string/],
    ["status = 'open' AND", /unexpected the end of the filter/],
    ["status = 'open' status", /unexpected "status"/],
    ['1 = 1', /needs a property/],
    ['', /is empty/],
    ['households_served IN (' + Array.from({ length: 300 }, (_, i) => i).join(',') + ')', /more than 200 operators and operands/],
    ['NOT '.repeat(2000) + "status = 'open'", /nested deeper than 20 levels/],
    ['('.repeat(500) + "status = 'open'" + ')'.repeat(500), /nested deeper than 20 levels/],
    ["status = 'open\u0000'", /control character/],
    ["status = 'x" + 'y'.repeat(9000) + "'", /longer than 8192 characters/],
  ])('%#: %s', async (filter, pattern) => {
    await refused({ filter: filter as string }, pattern as RegExp);
  });

  it('refuses nesting in CQL2 JSON at the same depth', async () => {
    const deep = '{"op":"not","args":['.repeat(300) + 'true' + ']}'.repeat(300);
    await refused({ filter: deep, 'filter-lang': 'cql2-json' }, /nested deeper than 20 levels/);
  });

  it('refuses 10,000 nested NOTs and a 20,000-character filter without parsing them', async () => {
    for (const filter of ['NOT '.repeat(10_000) + "status = 'open'", "status = '" + 'x'.repeat(20_000) + "'"]) {
      const res = await request(app).get(ROOMS).query({ filter });
      // Node refuses a request line above its 16 KB header limit (431) before the app sees it; below, the app's 8 KB bound (400)
      expect([400, 431]).toContain(res.status);
    }
  });

  it('refuses an unknown filter-lang', async () => {
    await refused({ filter: "status = 'open'", 'filter-lang': 'xml' }, /filter-lang must be one of cql2-text, cql2-json, cql-text/);
  });
});
