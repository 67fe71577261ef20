import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { startDemoServer } from '../helpers/demo-server';

// the server runs in this process: GDAL must run asynchronously or the server cannot answer it
const run = promisify(execFile);
// in CI (`CI` set) the tests always run: a missing GDAL fails them rather than skipping them
const hasGdal = Boolean(process.env.CI) || spawnSync('ogrinfo', ['--version']).status === 0;
if (!hasGdal) console.warn('[interop] skipped: ogrinfo (gdal-bin) is not installed; .ci/run installs it');

describe.skipIf(!hasGdal)('GeoPackage and Shapefile downloads read by GDAL', () => {
  let running: RunningServer;
  let tmp: string;

  beforeAll(async () => {
    ({ running, tmp } = await startDemoServer('qingbo-exports-'));
  }, 240_000);
  afterAll(async () => {
    await running?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const count = (sql: string, ...params: unknown[]) => running.db.prepare(sql).pluck().get(...params) as number;

  /** Downloads a URL into the temporary folder; returns the file and the response. */
  async function download(url: string, file: string) {
    const res = await fetch(`${running.url}${url}`);
    expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(200);
    const out = path.join(tmp, file);
    fs.writeFileSync(out, Buffer.from(await res.arrayBuffer()));
    return { out, res };
  }

  const ogrinfo = async (...args: string[]) => (await run('ogrinfo', ['-ro', ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 })).stdout;
  const featureCount = (text: string) => Number(/Feature Count: (\d+)/.exec(text)?.[1]);

  it('ogrinfo -so reads the whole cases collection from a GeoPackage in EPSG:4326', async () => {
    const { out, res } = await download('/ogc/collections/cases/items?f=gpkg', 'cases.gpkg');
    expect(res.headers.get('content-type')).toBe('application/geopackage+sqlite3');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?cases\.gpkg"?$/);
    const info = await ogrinfo('-so', out, 'cases');
    expect(featureCount(info)).toBe(count("SELECT count(*) FROM features WHERE layer_id = 'cases'"));
    expect(count("SELECT count(*) FROM features WHERE layer_id = 'cases'")).toBeGreaterThan(2000);
    expect(info).toMatch(/Geometry: Point/);
    expect(info).toContain('ID["EPSG",4326]');
  }, 120_000);

  it('a filtered page downloads just that page', async () => {
    const { out } = await download('/ogc/collections/garbage-rooms/items?f=gpkg&limit=2&offset=1', 'page.gpkg');
    expect(featureCount(await ogrinfo('-so', out, 'garbage-rooms'))).toBe(2);
    const closedCases = count("SELECT count(*) FROM cases WHERE state = 'closed'");
    const { out: closed } = await download('/ogc/collections/cases/items?f=gpkg&state=closed', 'closed.gpkg');
    expect(featureCount(await ogrinfo('-so', closed, 'cases'))).toBe(closedCases);
  }, 120_000);

  it('the zipped shapefile opens through /vsizip/ with the same count, its CRS, and Chinese values intact', async () => {
    const { out, res } = await download('/ogc/collections/garbage-rooms/items?f=shp', 'garbage-rooms.shp.zip');
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/filename="?garbage-rooms\.shp\.zip"?$/);
    const info = await ogrinfo('-al', `/vsizip/${out}`);
    expect(featureCount(info)).toBe(count("SELECT count(*) FROM features WHERE layer_id = 'garbage-rooms'"));
    expect(info).toContain('ID["EPSG",4326]');
    // from data/layers/garbage-rooms.geojson
    expect(info).toContain('name (String) = 南山路生态垃圾房');
    expect(info).toContain('community (String) = 清波门社区');
    expect(info).toMatch(/households \(Integer\) = 1100/); // households_served, cut to 10 bytes
    // the archive's members, and the field-name mapping it documents (read by Python's zipfile, another reader than GDAL's)
    const zip = 'import json, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(json.dumps({"names": z.namelist(), "fields": z.read("garbage-rooms.fields.txt").decode("utf-8")}))';
    const { names, fields } = JSON.parse((await run('python3', ['-c', zip, out], { encoding: 'utf8' })).stdout) as { names: string[]; fields: string };
    expect(names.sort()).toEqual(['shp', 'shx', 'dbf', 'prj', 'cpg', 'fields.txt'].map((e) => `garbage-rooms.${e}`).sort());
    expect(fields).toContain('households\thouseholds_served\t服务户数\r\n');
  }, 120_000);

  it('the cases collection as a zipped shapefile has every case', async () => {
    const { out } = await download('/ogc/collections/cases/items?f=shp', 'cases.shp.zip');
    expect(featureCount(await ogrinfo('-so', `/vsizip/${out}`, 'cases'))).toBe(count("SELECT count(*) FROM features WHERE layer_id = 'cases'"));
  }, 120_000);
});
