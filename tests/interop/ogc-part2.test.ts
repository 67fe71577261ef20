import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { startDemoServer } from '../helpers/demo-server';

// the server runs in this process: GDAL and Python must run asynchronously or the server cannot answer them
const run = promisify(execFile);
// in CI (`CI` set) the tests always run: a missing GDAL or OWSLib fails them rather than skipping them
const hasGdal = Boolean(process.env.CI) || spawnSync('ogr2ogr', ['--version']).status === 0;
const hasOwslib = Boolean(process.env.CI) || spawnSync('/usr/bin/python3', ['-c', 'import owslib']).status === 0;
if (!hasGdal) console.warn('[interop] skipped: ogr2ogr (gdal-bin) is not installed; .ci/run installs it');
if (!hasOwslib) console.warn('[interop] skipped: python3-owslib is not installed; .ci/run installs it');

const EPSG = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;
type Fc = { features: { id: number; geometry: { type: string; coordinates: unknown } }[] };

function positions(c: unknown): number[][] {
  return Array.isArray(c) && typeof c[0] === 'number' ? [c as number[]] : (c as unknown[]).flatMap(positions);
}

describe.skipIf(!hasGdal && !hasOwslib)('OGC API – Features Part 2 (CRS) with GDAL/PROJ and OWSLib', () => {
  let running: RunningServer;
  let tmp: string;

  beforeAll(async () => {
    ({ running, tmp } = await startDemoServer('qingbo-part2-'));
  }, 240_000);
  afterAll(async () => {
    await running?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function items(collection: string, query: string): Promise<Fc> {
    const res = await fetch(`${running.url}/ogc/collections/${collection}/items?limit=10000&${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Fc;
  }

  it.skipIf(!hasGdal)('PROJ turns the served EPSG:3857 metres back into the stored CRS84 positions (points, lines, polygons)', async () => {
    for (const collection of ['garbage-rooms', 'alley-renovations', 'communities']) {
      const url = `${running.url}/ogc/collections/${collection}/items?limit=10000&crs=${encodeURIComponent(EPSG(3857))}`;
      const out = path.join(tmp, `${collection}-back.geojson`);
      await run('ogr2ogr', ['-f', 'GeoJSON', out, url, '-s_srs', 'EPSG:3857', '-t_srs', 'EPSG:4326', '-lco', 'RFC7946=YES'], { encoding: 'utf8', timeout: 120_000 });
      const back = JSON.parse(fs.readFileSync(out, 'utf8')) as Fc;
      const stored = await items(collection, '');
      expect(back.features.length, collection).toBe(stored.features.length);
      expect(back.features.length, collection).toBeGreaterThan(0);
      stored.features.forEach((f, i) => {
        const ours = positions(f.geometry.coordinates);
        const proj = positions(back.features[i]!.geometry.coordinates);
        expect(proj.length).toBe(ours.length);
        // 1 cm of rounding in metres is about 1e-7 degrees
        ours.forEach((p, j) => {
          expect(Math.abs(proj[j]![0]! - p[0]!), `${collection} ${f.id}`).toBeLessThan(1e-6);
          expect(Math.abs(proj[j]![1]! - p[1]!), `${collection} ${f.id}`).toBeLessThan(1e-6);
        });
      });
    }
  });

  it.skipIf(!hasGdal)('EPSG:4490 positions are what PROJ makes of the stored ones, latitude first', async () => {
    const stored = await items('garbage-rooms', '');
    const cgcs = await items('garbage-rooms', `crs=${encodeURIComponent(EPSG(4490))}`);
    // gdaltransform reads and writes longitude first here (GDAL's traditional GIS order); the server's EPSG:4490 is latitude first
    const input = stored.features.map((f) => (f.geometry.coordinates as number[]).join(' ')).join('\n');
    const proj = spawnSync('gdaltransform', ['-s_srs', 'EPSG:4326', '-t_srs', 'EPSG:4490', '-output_xy'], { input, encoding: 'utf8', timeout: 60_000 });
    const lines = proj.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    expect(lines.length).toBe(stored.features.length);
    cgcs.features.forEach((f, i) => {
      const [lat, lon] = f.geometry.coordinates as number[];
      expect(Math.abs(lon! - lines[i]![0]!)).toBeLessThan(1e-7);
      expect(Math.abs(lat! - lines[i]![1]!)).toBeLessThan(1e-7);
    });
  });

  it.skipIf(!hasOwslib)('OWSLib reads the crs list and asks for EPSG:4490 and a bbox in EPSG:3857', async () => {
    const script = `
import json, sys
from owslib.ogcapi.features import Features
api = Features(sys.argv[1])
col = api.collection('garbage-rooms')
plain = api.collection_items('garbage-rooms', limit=1)
cgcs = api.collection_items('garbage-rooms', limit=1, crs=sys.argv[2])
box = api.collection_items('garbage-rooms', bbox=[13375000, 3533000, 13380000, 3540000], **{'bbox-crs': sys.argv[3], 'limit': 10000})
print(json.dumps({"crs": col['crs'], "storage": col['storageCrs'], "plain": plain['features'][0]['geometry']['coordinates'],
  "cgcs": cgcs['features'][0]['geometry']['coordinates'], "box": box['numberMatched']}))
`;
    const { stdout } = await run('/usr/bin/python3', ['-c', script, `${running.url}/ogc`, EPSG(4490), EPSG(3857)], { encoding: 'utf8', timeout: 120_000 });
    const a = JSON.parse(stdout) as { crs: string[]; storage: string; plain: number[]; cgcs: number[]; box: number };
    expect(a.crs).toContain(EPSG(4490));
    expect(a.storage).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
    expect(a.cgcs[0]).toBeCloseTo(a.plain[1]!, 7);
    expect(a.cgcs[1]).toBeCloseTo(a.plain[0]!, 7);
    // the same box in degrees, converted by hand from the metres above (lon = x / 6378137 · 180/π, lat by the inverse Mercator)
    const inDegrees = await items('garbage-rooms', 'bbox=120.149669,30.228847,120.194585,30.283163');
    expect(a.box).toBe(inDegrees.features.length);
  });
});
