import path from 'node:path';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/src/config';
import { createApiKey } from '../../server/src/open311/api-keys';
import { createApiKeyRepository } from '../../server/src/open311/api-key-repository';
import { createSecuredApp, type SecuredApp } from '../helpers/session';
import { HEFANG } from '../helpers/cases';
import { filesUnder } from '../helpers/files';
import { makeJpeg } from '../helpers/photos';

/*
 * Generated hostile input against every write route and the tile URL (issue #12): each run sends
 * well over 2,000 requests. Whatever is sent, the server never answers 5xx and never exits; a body
 * built to be invalid is refused with a 4xx and leaves every table as it was.
 */

let s: SecuredApp;
let apiKey: string;
let caseId: number;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  s = await createSecuredApp({ open311RatePerMinute: 1_000_000, loginAttemptsPerMinute: 1_000_000 }, path.join(PROJECT_ROOT, 'data'));
  for (const role of ['planner', 'inspector', 'admin', 'dispatcher'] as const) cookies[role] = await s.cookieFor(role);
  apiKey = createApiKey(createApiKeyRepository(s.db), 'property-tests').key;
  const filed = await request(s.app).post('/api/cases').set('Cookie', cookies.inspector!)
    .send({ category: 'E01-03', ...HEFANG, description: '河坊街路面有油污', idempotencyKey: randomUUID() });
  if (filed.status !== 201) throw new Error(`filing the case under test failed: ${filed.status} ${filed.text}`);
  caseId = filed.body.case.id as number;
}, 120_000);

/** Row counts and layer versions: what an invalid body must leave untouched. */
function snapshot() {
  const one = (sql: string) => s.db.prepare(sql).pluck().get() as number;
  return {
    features: one('SELECT count(*) FROM features'),
    featureSum: one('SELECT coalesce(sum(version), 0) FROM features'),
    layerVersions: one('SELECT coalesce(sum(version), 0) FROM layers'),
    cases: one('SELECT count(*) FROM cases'),
    caseEvents: one('SELECT count(*) FROM case_events'),
    categories: one('SELECT count(*) FROM case_categories'),
    categoryVersions: one('SELECT coalesce(sum(version), 0) FROM case_categories'),
  };
}

function expectNo5xx(res: request.Response, what: string): void {
  if (res.status >= 500) throw new Error(`${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
}

/** Sends a request built by `send` and checks that it is refused with a 4xx that leaves every table as it was. */
async function expectRefused(send: () => request.Test, what: string): Promise<void> {
  const before = snapshot();
  const res = await send();
  expectNo5xx(res, what);
  expect(res.status, what.slice(0, 200)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(snapshot()).toEqual(before);
}

/** Sends a body as raw JSON text (so `__proto__` keys and deep nesting arrive as written). */
const sendJson = (req: request.Test, text: string) => req.set('Content-Type', 'application/json').send(text);

// ---------------------------------------------------------------- hostile values

const NUL = '\u0000';
const hugeNumber = fc.constantFrom(1e21, 2 ** 64, 18446744073709551616, -1e21, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 + 2, 1e16);
const nastyString = fc.oneof(
  fc.constantFrom('', ' ', '\t\n\r', NUL, NUL.repeat(50), `a${NUL}b`, '\u202e\u200b', '\ud800', '=cmd|calc', '__proto__', 'constructor'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 501, max: 5000 }).map((n) => 'x'.repeat(n)),
);
/** Any JSON-ish value an attacker might put where something else is expected. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  hugeNumber, nastyString, fc.boolean(), fc.constant(null), fc.double(), fc.integer(),
  fc.constant([]), fc.constant({}), fc.array(fc.integer(), { maxLength: 5 }),
  fc.constant(JSON.parse('{"__proto__":{"admin":true}}')),
  fc.jsonValue({ maxDepth: 3 }),
);
/** A URL path segment for any string: a lone surrogate becomes the bytes of an invalid UTF-8 sequence. */
function segment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
}
/** JSON text nested `depth` arrays deep. */
const nested = (depth: number, inner = '120.16,30.24') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

// ---------------------------------------------------------------- features (OGC API – Features Part 4)

const ROOM = {
  name: '测试垃圾房', name_en: 'Test room', capacity_t_per_day: 1.5, households_served: 300,
  sorting_type: 'four_kinds', status: 'in_service', community: '清河坊社区',
};
const room = (props: Record<string, unknown> = {}, geometry: unknown = { type: 'Point', coordinates: [HEFANG.lon, HEFANG.lat] }) =>
  ({ type: 'Feature', geometry, properties: { ...ROOM, ...props } });

/** Properties that no layer may store: each makes a garbage-room feature invalid. */
const badProperties: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ name: fc.constantFrom('', ' ', '  \t ', '\n') }),
  fc.record({ name: fc.integer({ min: 501, max: 20_000 }).map((n) => '名'.repeat(n)) }),
  fc.record({ capacity_t_per_day: fc.constantFrom(1e21, 2 ** 64, Number.MAX_VALUE, 1e16) }),
  fc.record({ households_served: fc.constantFrom(1e21, 18446744073709551616, 2 ** 53 + 2, 0.5, -1) }),
  fc.record({ status: fc.oneof(nastyString, fc.constant(null), fc.integer()) }),
  fc.record({ sorting_type: anyValue.filter((v) => v !== 'four_kinds' && v !== 'four_kinds_composting') }),
  fc.record({ no_such_property: anyValue.filter((v) => v !== null) }),
  fc.record({ name: fc.constant(null) }),
);
/** Geometries a point layer inside the district must refuse. */
const badGeometry: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant({ type: 'Point' }),
  fc.constant({ type: 'Point', coordinates: [116.397, 39.909] }),
  fc.constant({ type: 'Point', coordinates: [0, 0] }),
  fc.constant({ type: 'Point', coordinates: [0, 90] }),
  fc.record({ type: fc.constant('Point'), coordinates: fc.tuple(fc.double({ min: 181, max: 1e300, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })) }),
  fc.record({ type: fc.constant('Point'), coordinates: fc.array(anyValue, { maxLength: 6 }).filter((c) => !(c.length >= 2 && c.length <= 3 && c.every((n) => typeof n === 'number'))) }),
  fc.record({ type: fc.constantFrom('LineString', 'Polygon', 'GeometryCollection', 'Circle', '__proto__'), coordinates: fc.constant([[HEFANG.lon, HEFANG.lat], [HEFANG.lon + 0.001, HEFANG.lat]]) }),
  fc.constant('POINT(120.16 30.24)'),
);

/** Deep nesting inside a geometry, sent as raw text. */
const deepGeometryText = fc.integer({ min: 3, max: 20_000 }).map((d) =>
  `{"type":"Feature","geometry":{"type":"Point","coordinates":${nested(d)}},"properties":${JSON.stringify(ROOM)}}`);

const protoPatchText = fc.constantFrom(
  '{"properties":{"name":null,"status":null,"__proto__":{"name":"x","status":"in_service"}}}',
  '{"properties":{"__proto__":{"name":"x"},"name":null}}',
  '{"properties":{"constructor":{"prototype":{"polluted":true}},"name":null}}',
  '{"geometry":{"type":"Point","coordinates":[120.16,30.24],"__proto__":{"type":"Polygon"}},"properties":{"name":""}}',
);

describe('feature writes with hostile bodies', () => {
  it('POST refuses every invalid feature with a 4xx and writes nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(
      badProperties.map((p) => JSON.stringify(room(p))),
      badGeometry.map((g) => JSON.stringify(room({}, g))),
      deepGeometryText,
      fc.constant(`{"type":"Feature","__proto__":{"type":"Feature"},"geometry":null,"properties":${JSON.stringify(ROOM)}}`),
    ), async (text) => {
      await expectRefused(() => sendJson(request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', cookies.planner!), text), `POST /ogc/collections/garbage-rooms/items ${text}`);
    }), { numRuns: 450 });
  });

  it('POST of arbitrary JSON never answers 5xx; what is stored keeps only type and coordinates and safe numbers', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({ type: fc.constant('Feature'), geometry: fc.oneof(badGeometry, fc.record({ type: fc.constant('Point'), coordinates: fc.constant([HEFANG.lon, HEFANG.lat]), bbox: anyValue, extra: anyValue })), properties: fc.dictionary(fc.constantFrom(...Object.keys(ROOM), 'bins', 'address', 'x'), anyValue) }),
    ), async (body) => {
      const before = snapshot();
      const res = await sendJson(request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', cookies.planner!), JSON.stringify(body));
      expectNo5xx(res, 'POST items');
      if (res.status >= 400) {
        expect(snapshot()).toEqual(before);
        return;
      }
      expect(res.status).toBe(201);
      expect(Object.keys(res.body.geometry).sort()).toEqual(['coordinates', 'type']);
      for (const v of Object.values(res.body.properties as Record<string, unknown>)) {
        if (typeof v === 'number') expect(Math.abs(v)).toBeLessThan(2 ** 53);
        if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(4000);
      }
    }), { numRuns: 250 });
  });

  it('PUT and PATCH of an existing feature refuse invalid bodies and leave it as it was', async () => {
    const created = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', cookies.planner!).send(room());
    expect(created.status).toBe(201);
    const url = new URL(created.headers.location!).pathname;
    await fc.assert(fc.asyncProperty(fc.oneof(
      badProperties.map((p) => ({ method: 'put' as const, text: JSON.stringify(room(p)) })),
      badGeometry.map((g) => ({ method: 'put' as const, text: JSON.stringify(room({}, g)) })),
      badProperties.map((p) => ({ method: 'patch' as const, text: JSON.stringify({ properties: p }) })),
      badGeometry.filter((g) => g !== null).map((g) => ({ method: 'patch' as const, text: JSON.stringify({ geometry: g }) })),
      protoPatchText.map((text) => ({ method: 'patch' as const, text })),
      deepGeometryText.map((text) => ({ method: 'put' as const, text })),
    ), async ({ method, text }) => {
      const before = snapshot();
      const res = await sendJson(request(s.app)[method](url).set('Cookie', cookies.planner!), text);
      expectNo5xx(res, `${method} item`);
      expect(res.status, `${method} ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(snapshot()).toEqual(before);
    }), { numRuns: 350 });
    const after = await request(s.app).get(url);
    expect(after.body.properties).toEqual(ROOM);
  });

  it('DELETE and writes with hostile ids and collections never answer 5xx', async () => {
    const hostileSegment = fc.oneof(nastyString.map(segment), fc.constantFrom('%E0%A4%A', '%', '%00', '..%2f..', '1e3', '-1', '99999999999999999999', '__proto__'));
    await fc.assert(fc.asyncProperty(hostileSegment, hostileSegment, fc.constantFrom('delete', 'put', 'patch'), async (collection, id, method) => {
      const res = await request(s.app)[method](`/ogc/collections/${collection}/items/${id}`).set('Cookie', cookies.planner!).send(room());
      expectNo5xx(res, `${method} /ogc/collections/${collection}/items/${id}`);
    }), { numRuns: 120 });
  });
});

// ---------------------------------------------------------------- cases

const CASE = () => ({ category: 'E01-03', lon: HEFANG.lon, lat: HEFANG.lat, description: '河坊街路面有油污', idempotencyKey: randomUUID() });
const badCase: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ description: fc.constantFrom('', '   ', NUL, NUL.repeat(20), `${NUL}\n${NUL}`, 'x'.repeat(4001)) }),
  fc.constantFrom({ lon: 116.397, lat: 39.909 }, { lon: 0, lat: 0 }, { lon: 0, lat: 90 }, { lon: -180, lat: -90 }, { lon: 120.3, lat: 30.3 }),
  fc.record({ lon: fc.oneof(hugeNumber, nastyString, fc.constant(null)) }),
  fc.record({ category: fc.oneof(nastyString, fc.constant('Z99-99'), fc.integer()) }),
  fc.record({ idempotencyKey: fc.oneof(nastyString, fc.integer()) }),
  fc.record({ contact: fc.oneof(anyValue.filter((v) => v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))), fc.record({ email: nastyString })) }),
  fc.record({ [randomUUID().slice(0, 6)]: anyValue }),
);

describe('case writes with hostile bodies', () => {
  it('POST /api/cases refuses every invalid case with a 4xx and writes nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(
      badCase.map((over) => JSON.stringify({ ...CASE(), ...over })),
      fc.constant(`{"category":"E01-03","lon":${HEFANG.lon},"lat":${HEFANG.lat},"description":"x","idempotencyKey":"${randomUUID()}","__proto__":{"channel":"open311"}}`),
      fc.integer({ min: 2, max: 20_000 }).map((d) => `{"category":"E01-03","lon":${nested(d)},"lat":30.24,"description":"x","idempotencyKey":"${randomUUID()}"}`),
    ), async (text) => {
      await expectRefused(() => sendJson(request(s.app).post('/api/cases').set('Cookie', cookies.inspector!), text), `POST /api/cases ${text}`);
    }), { numRuns: 300 });
  });

  it('actions, bulk dispatch and category writes never answer 5xx, and a refused one changes nothing', async () => {
    const action = fc.constantFrom('register', 'reject', 'dispatch', 'accept', 'feedback', 'close', 'rework', 'postpone', 'void', '__proto__', 'constructor', '%E0%A4%A');
    const actionBody = fc.oneof(
      fc.dictionary(fc.constantFrom('note', 'reason', 'department', 'until', 'duplicateOf', 'version', '__proto__'), anyValue),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const route = fc.oneof(
      fc.record({ url: fc.tuple(fc.oneof(fc.constant(String(caseId)), nastyString.map(segment), fc.constantFrom('-1', '1e400', '0x10', '99999999999999999999')), action).map(([id, a]) => `/api/cases/${id}/actions/${a}`), body: actionBody, role: fc.constantFrom('admin', 'dispatcher', 'inspector') }),
      fc.record({ url: fc.constant('/api/cases/dispatch'), body: fc.oneof(fc.record({ ids: fc.oneof(fc.array(fc.oneof(fc.integer(), hugeNumber), { maxLength: 300 }), fc.constant(Array(10_000).fill(caseId))), department: anyValue }), actionBody), role: fc.constant('dispatcher') }),
      fc.record({ url: fc.constant('/api/cases/categories'), body: fc.record({ majorCode: fc.oneof(fc.constant('C07'), nastyString), name: anyValue, timeLimit: fc.oneof(anyValue, fc.record({ value: hugeNumber, unit: fc.constant('wd') })), department: anyValue, duplicateRadiusM: fc.oneof(hugeNumber, anyValue) }), role: fc.constant('admin') }),
    );
    await fc.assert(fc.asyncProperty(route, async ({ url, body, role }) => {
      const before = snapshot();
      const res = await sendJson(request(s.app).post(url).set('Cookie', cookies[role]!), JSON.stringify(body));
      expectNo5xx(res, `POST ${url}`);
      if (res.status >= 400) expect(snapshot()).toEqual(before);
    }), { numRuns: 250 });
  });

  it('PUT /api/cases/categories/:code refuses invalid changes and leaves the category as it was', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(
      fc.record({ timeLimit: fc.record({ value: fc.oneof(hugeNumber, fc.constant(0), fc.constant(-1)), unit: fc.constant('wd') }) }),
      fc.record({ duplicateRadiusM: hugeNumber }),
      fc.record({ name: fc.record({ zh: fc.constantFrom('', '  ', 'x'.repeat(101)), en: fc.constant('x') }) }),
      fc.record({ department: nastyString }),
      fc.constant({}),
      fc.constant(JSON.parse('{"__proto__":{"active":false}}')),
    ), fc.constantFrom('E01-03', 'E01-03', '%E0%A4%A', 'Z99-99', '__proto__'), async (body, code) => {
      const before = snapshot();
      const res = await sendJson(request(s.app).put(`/api/cases/categories/${code}`).set('Cookie', cookies.admin!), JSON.stringify(body));
      expectNo5xx(res, 'PUT category');
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(snapshot()).toEqual(before);
    }), { numRuns: 100 });
  });
});

// ---------------------------------------------------------------- Open311, import, sign-in

describe('other write routes with hostile bodies', () => {
  it('Open311 POST refuses invalid requests with a 4xx and files nothing', async () => {
    const good = () => ({ api_key: apiKey, service_code: 'E01-02', lat: String(HEFANG.lat), long: String(HEFANG.lon), description: '河坊街口有一堆垃圾' });
    await fc.assert(fc.asyncProperty(fc.oneof(
      fc.record({ description: fc.constantFrom(NUL, NUL.repeat(30), ' ', `${NUL} ${NUL}`, 'x'.repeat(4001)) }),
      fc.constantFrom({ lat: '39.909', long: '116.397' }, { lat: '0', long: '0' }, { lat: '90', long: '0' }, { lat: '1e21', long: '1e21' }, { lat: 'NaN', long: 'Infinity' }),
      fc.record({ service_code: fc.oneof(nastyString, fc.constant('Z99-99')) }),
      fc.record({ api_key: fc.oneof(nastyString, fc.constant('x'.repeat(5000))) }),
      fc.record({ email: nastyString, media_url: fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'x') }),
    ), fc.constantFrom('json', 'xml'), async (over, fmt) => {
      const before = snapshot();
      const res = await request(s.app).post(`/open311/v2/requests.${fmt}`).type('form').send({ ...good(), ...over });
      expectNo5xx(res, 'POST Open311');
      expect(res.status, JSON.stringify(over).slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(snapshot()).toEqual(before);
    }), { numRuns: 200 });
  });

  it('imports refuse files with an invalid feature and store nothing', async () => {
    const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
    await fc.assert(fc.asyncProperty(fc.oneof(
      badProperties.map((p) => collection([room(), room(p)])),
      badGeometry.map((g) => collection([room({}, g)])),
      fc.integer({ min: 3, max: 5000 }).map((d) => `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":${nested(d)}},"properties":{}}]}`),
      fc.string({ maxLength: 200 }),
      fc.constant(`name,name_en,lon,lat,capacity_t_per_day\n${'=1+1'},x,120.16,30.24,1e21\n`),
    ), async (text) => {
      const before = snapshot();
      const res = await request(s.app).post('/api/layers/garbage-rooms/import').set('Cookie', cookies.planner!).send({ text });
      expectNo5xx(res, 'import');
      expect(res.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(snapshot()).toEqual(before);
    }), { numRuns: 200 });
  });

  it('sign-in with hostile bodies answers 4xx and starts no session', async () => {
    const sessions = () => s.db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
    await fc.assert(fc.asyncProperty(fc.oneof(
      fc.record({ username: anyValue, password: anyValue }),
      fc.record({ username: fc.constantFrom('admin', 'planner', 'ADMIN', `admin${NUL}`, ' admin'), password: nastyString }),
      fc.jsonValue({ maxDepth: 3 }),
    ), async (body) => {
      const before = sessions();
      const res = await sendJson(request(s.app).post('/api/auth/login'), JSON.stringify(body));
      expectNo5xx(res, 'login');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(sessions()).toBe(before);
    }), { numRuns: 120 });
  });
});

// ---------------------------------------------------------------- photo uploads (multipart)

/** A PNG that declares `width` × `height` pixels in its header but carries almost no data. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

describe('photo uploads with hostile files and fields', () => {
  it('never answer 5xx; a refused upload stores no row and leaves no file', async () => {
    const jpeg = await makeJpeg();
    const feature = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', cookies.planner!).send(room({ name: '照片测试' }));
    expect(feature.status).toBe(201);
    const featurePhotos = `/api/layers/garbage-rooms/features/${feature.body.id as number}/photos`;
    const file = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
      fc.integer({ min: 1, max: jpeg.length - 1 }).map((n) => jpeg.subarray(0, n)),
      fc.constantFrom(pngClaiming(100_000, 100_000), pngClaiming(16_383, 16_383), pngClaiming(2 ** 31 - 1, 1), pngClaiming(0, 0), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), Buffer.alloc(0)),
    );
    const route = fc.oneof(
      fc.record({ url: fc.constant(`/api/cases/${caseId}/photos`), role: fc.constant('inspector'), field: fc.constantFrom('photos', 'photo', 'x'), kind: fc.oneof(fc.constantFrom('before', 'after'), nastyString) }),
      fc.record({ url: fc.constant(featurePhotos), role: fc.constant('planner'), field: fc.constantFrom('photos', 'file'), kind: fc.oneof(fc.constantFrom('before', 'after'), nastyString) }),
      fc.record({ url: fc.constant('/api/photos/exif'), role: fc.constant('inspector'), field: fc.constantFrom('photo', 'photos'), kind: fc.constant('before') }),
    );
    const rows = () => (s.db.prepare('SELECT (SELECT count(*) FROM case_photos) + (SELECT count(*) FROM feature_photos)').pluck().get() as number);
    await fc.assert(fc.asyncProperty(route, fc.array(file, { minLength: 1, maxLength: 3 }), fc.option(nastyString, { nil: undefined }), async ({ url, role, field, kind }, files, caption) => {
      const before = { rows: rows(), files: filesUnder(s.config.uploadDir).length };
      let req = request(s.app).post(url).set('Cookie', cookies[role]!).field('kind', kind);
      if (caption !== undefined) req = req.field('caption', caption);
      for (const [i, f] of files.entries()) req = req.attach(field, f, `p${i}.jpg`);
      const res = await req;
      expectNo5xx(res, `upload to ${url}`);
      if (res.status >= 400) expect({ rows: rows(), files: filesUnder(s.config.uploadDir).length }).toEqual(before);
    }), { numRuns: 150 });
  });
});

// ---------------------------------------------------------------- tiles

describe('tile URLs', () => {
  const LAYERS = ['cases', 'garbage-rooms', 'courtyard-buildings', 'communities', 'roads', 'district-boundary', 'alley-renovations', 'water'];
  const layerList = fc.oneof(
    fc.array(fc.constantFrom(...LAYERS), { minLength: 1, maxLength: 40 }).map((l) => l.join(',')),
    fc.tuple(fc.constantFrom(...LAYERS), fc.integer({ min: 2, max: 3000 })).map(([l, n]) => Array(n).fill(l).join(',')),
    nastyString.map(segment),
    fc.constantFrom('%E0%A4%A', ',,,', 'cases,', 'a'.repeat(5000), '..%2F..%2Fpackage.json', 'CASES'),
  );
  const coordinate = fc.oneof(
    fc.integer({ min: 0, max: 30 }).map(String),
    fc.constantFrom('-1', '1e3', '99999999', '4294967296', '', '%00', '0x1', '1.5', 'NaN', '%E0%A4%A'),
  );
  /** A tile in or near the district at zooms 0–22. */
  const districtTile = fc.integer({ min: 0, max: 22 }).map((z) => {
    const n = 2 ** z;
    const x = Math.floor(((HEFANG.lon + 180) / 360) * n);
    const lat = (HEFANG.lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
    return [String(z), String(x), String(y)] as const;
  });

  it('never answer 5xx, whatever the layer list, address and query', async () => {
    await fc.assert(fc.asyncProperty(layerList, fc.oneof(districtTile, fc.tuple(coordinate, coordinate, coordinate)),
      fc.oneof(fc.constant(''), nastyString.map((v) => `?v=${segment(v)}`), fc.constant('?v=1&v=2')), fc.boolean(),
      async (layers, [z, x, y], query, tilejson) => {
        const url = tilejson ? `/tiles/${layers}.json${query}` : `/tiles/${layers}/${z}/${x}/${y}.mvt${query}`;
        const res = await request(s.app).get(url).set('Accept-Encoding', 'gzip');
        expectNo5xx(res, url.slice(0, 200));
      }), { numRuns: 400 });
  });

  it('still serve every layer after the hostile writes above (nothing stored breaks a tile)', async () => {
    for (const layer of LAYERS) {
      for (const [z, x, y] of [[14, 13660, 6746], [16, 54641, 26985], [12, 3415, 1686]]) {
        const res = await request(s.app).get(`/tiles/${layer}/${z}/${x}/${y}.mvt`);
        expect([200, 204], `${layer} ${z}/${x}/${y}`).toContain(res.status);
      }
    }
    expect((await request(s.app).get('/api/health')).status).toBe(200);
  });
});
