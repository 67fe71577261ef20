import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../../server/src/app';
import { createWorkGate } from '../../server/src/features/photos';
import { createTestApp } from '../helpers/app';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-export-it-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A stand-in ogr2ogr (these tests never reach it, or expect it to fail): the formats count as available. */
const fakeOgr2ogr = path.join(tmp, 'ogr2ogr');
fs.writeFileSync(fakeOgr2ogr, '#!/bin/sh\nexit 1\n', { mode: 0o755 });

function appWith(exports: AppDeps['exports'], overrides: Record<string, unknown> = {}) {
  const { db, config } = createTestApp();
  return createApp({ db, config: { ...config, ...overrides }, exports });
}

const GPKG = 'application/geopackage+sqlite3';
const ZIP = 'application/zip';

describe('download links', () => {
  const app = appWith({ ogr2ogr: fakeOgr2ogr });

  it('the collection links a GeoPackage and a zipped Shapefile of its items as alternates', async () => {
    const res = await request(app).get('/ogc/collections/garbage-rooms');
    const alternates = (res.body.links as { rel: string; type: string; href: string }[]).filter((l) => l.rel === 'alternate');
    expect(alternates.map((l) => [l.type, new URL(l.href).pathname + new URL(l.href).search])).toEqual([
      [GPKG, '/ogc/collections/garbage-rooms/items?f=gpkg'],
      [ZIP, '/ogc/collections/garbage-rooms/items?f=shp'],
    ]);
    const all = await request(app).get('/ogc/collections');
    const listed = all.body.collections.find((c: { id: string }) => c.id === 'alleys');
    expect(listed.links.filter((l: { rel: string }) => l.rel === 'alternate').map((l: { type: string }) => l.type)).toEqual([GPKG, ZIP]);
  });

  it('a page of items links the same page (its filters, limit and offset) in each format', async () => {
    const res = await request(app).get('/ogc/collections/garbage-rooms/items?status=open&limit=2&offset=1&f=json');
    const alternates = (res.body.links as { rel: string; type: string; href: string }[]).filter((l) => l.rel === 'alternate');
    expect(alternates.map((l) => l.type)).toEqual([GPKG, ZIP]);
    const params = Object.fromEntries(new URL(alternates[0]!.href).searchParams);
    expect(params).toEqual({ status: 'open', limit: '2', offset: '1', f: 'gpkg' });
  });
});

describe('without ogr2ogr', () => {
  const app = appWith({ ogr2ogr: null });

  it('links no download and answers 501 with the reason', async () => {
    const doc = await request(app).get('/ogc/collections/garbage-rooms');
    expect(doc.body.links.some((l: { rel: string }) => l.rel === 'alternate')).toBe(false);
    for (const f of ['gpkg', 'shp']) {
      const res = await request(app).get(`/ogc/collections/garbage-rooms/items?f=${f}`);
      expect(res.status).toBe(501);
      expect(res.body.error).toMatchObject({ code: 'export_unavailable', message: expect.stringMatching(/ogr2ogr.*gdal-bin/) });
    }
    expect((await request(app).get('/ogc/collections/garbage-rooms/items?f=json')).status).toBe(200);
  });
});

describe('bad download requests', () => {
  const app = appWith({ ogr2ogr: fakeOgr2ogr });

  it.each([
    ['a CRS the files are not written in', 'crs=http://www.opengis.net/def/crs/EPSG/0/3857', /downloads are written in WGS 84/],
    ['a limit that is no number', 'limit=many', /"limit" must be an integer/],
    ['a limit of 0', 'limit=0', /"limit" must be an integer/],
    ['an unknown parameter', 'colour=red', /unknown query parameter "colour"/],
    ['a bad bbox', 'bbox=1,2,3', /bbox/],
  ])('refuses %s with 400', async (_label, query, message) => {
    const res = await request(app).get(`/ogc/collections/garbage-rooms/items?f=gpkg&${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 404 for an unknown collection and 400 for an unknown format', async () => {
    expect((await request(app).get('/ogc/collections/nowhere/items?f=shp')).status).toBe(404);
    const res = await request(app).get('/ogc/collections/garbage-rooms/items?f=kml');
    expect(res.status).toBe(400);
  });
});

describe('bounds and rights', () => {
  it('refuses with 503 and Retry-After when every export slot and the queue are taken', async () => {
    const app = appWith({ ogr2ogr: fakeOgr2ogr, gate: createWorkGate({ concurrency: 0, queue: 0, retryAfterSeconds: 9, work: 'exports' }) });
    const res = await request(app).get('/ogc/collections/garbage-rooms/items?f=gpkg');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('9');
    expect(res.body.error.message).toMatch(/busy with other exports/);
  });

  it('needs the same read right as the items: a session when public reading is off', async () => {
    const app = appWith({ ogr2ogr: fakeOgr2ogr }, { publicRead: false });
    expect((await request(app).get('/ogc/collections/garbage-rooms/items?f=shp')).status).toBe(401);
    expect((await request(app).get('/ogc/collections/garbage-rooms/items')).status).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('describes f with the download formats, their content types and the 501/503 answers', async () => {
    const doc = (await request(appWith({ ogr2ogr: null })).get('/ogc/api')).body;
    const items = doc.paths['/collections/garbage-rooms/items'].get;
    const f = items.parameters.find((p: { name?: string }) => p.name === 'f');
    expect(f.schema.enum).toEqual(['json', 'geojson', 'gpkg', 'shp']);
    expect(Object.keys(items.responses[200].content)).toEqual(['application/geo+json', GPKG, ZIP]);
    expect(Object.keys(items.responses)).toEqual(expect.arrayContaining(['400', '501', '503']));
  });
});

describe('the filter the layer panel sends with a download', () => {
  it('is CQL2 text the items accept: a value list, a numeric range and a range of years', async () => {
    // the form serverExport.ts writes for: status ∈ {open}, households 300–900, opened 2011–2011
    const filter = `("status" IN ('open')) AND ("households_served" >= 300 AND "households_served" <= 900) AND ("opened_date" >= DATE('2011-01-01') AND "opened_date" <= DATE('2011-12-31'))`;
    const res = await request(appWith({ ogr2ogr: null })).get('/ogc/collections/garbage-rooms/items').query({ f: 'json', filter, 'filter-lang': 'cql2-text' });
    expect(res.status, res.text).toBe(200);
    // fixture rooms 1–12: open when odd, households 100 × i → rooms 3, 5, 7 and 9
    expect(res.body.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['垃圾房3', '垃圾房5', '垃圾房7', '垃圾房9']);
  });
});
