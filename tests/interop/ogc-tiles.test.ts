import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { startDemoServer } from '../helpers/demo-server';
import { decodeTile, tileOf } from '../helpers/tiles';

// the server runs in this process: GDAL and Python must run asynchronously or the server cannot answer them
const run = promisify(execFile);
// in CI (`CI` set) the tests always run: a missing GDAL or OWSLib fails them rather than skipping them
const hasGdal = Boolean(process.env.CI) || spawnSync('ogrinfo', ['--version']).status === 0;
const hasOwslib = Boolean(process.env.CI) || spawnSync('/usr/bin/python3', ['-c', 'import owslib.ogcapi.features']).status === 0;
if (!hasGdal) console.warn('[interop] OGC API – Tiles with GDAL skipped: ogrinfo (gdal-bin) is not installed; .ci/run installs it');
if (!hasOwslib) console.warn('[interop] OGC API – Tiles with OWSLib skipped: python3-owslib is not installed; .ci/run installs it');

const TILES_CLASSES = ['core', 'tileset', 'tilesets-list', 'dataset-tilesets', 'geodata-tilesets', 'mvt'].map((c) => `http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/${c}`);

let running: RunningServer;
let tmp: string;
beforeAll(async () => {
  if (!hasGdal && !hasOwslib) return;
  ({ running, tmp } = await startDemoServer('qingbo-ogc-tiles-'));
}, 180_000);
afterAll(async () => {
  await running?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Feature counts per MVT layer, as GDAL's MVT driver reads a tile file. */
async function gdalCounts(file: string, t: { z: number; x: number; y: number }): Promise<Record<string, number>> {
  const { stdout } = await run('ogrinfo', ['-ro', '-so', '-al', file, '-oo', `Z=${t.z}`, '-oo', `X=${t.x}`, '-oo', `Y=${t.y}`], { encoding: 'utf8', timeout: 60_000 });
  return Object.fromEntries([...stdout.matchAll(/Layer name: (\S+)[\s\S]*?Feature Count: (\d+)/g)].map((m) => [m[1], Number(m[2])]));
}

const ourCounts = (body: Buffer) => Object.fromEntries(Object.entries(decodeTile(body).layers).map(([name, l]) => [name, l.length]));

describe.skipIf(!hasGdal)('GDAL reads OGC API – Tiles', () => {
  it('reads a collection tile and a dataset tile at {z}/{y}/{x}: the counts our decoder finds, the same as /tiles', async () => {
    const t = tileOf(120.16, 30.2415, 15);
    for (const [name, url] of [
      ['collection', `${running.url}/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}`],
      ['dataset', `${running.url}/ogc/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}`],
    ] as const) {
      const res = await fetch(url);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
      const body = Buffer.from(await res.arrayBuffer());
      const file = path.join(tmp, `${name}.mvt`);
      fs.writeFileSync(file, body);
      const gdal = await gdalCounts(file, t);
      expect(Object.keys(gdal).length, name).toBeGreaterThan(0);
      expect(gdal, name).toEqual(ourCounts(body));
    }
    const layers = ((await (await fetch(`${running.url}/ogc/tiles/WebMercatorQuad`)).json()) as { layers: { id: string }[] }).layers.map((l) => l.id).join(',');
    const classic = Buffer.from(await (await fetch(`${running.url}/tiles/${layers}/${t.z}/${t.x}/${t.y}.mvt`)).arrayBuffer());
    const dataset = Buffer.from(await (await fetch(`${running.url}/ogc/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}`)).arrayBuffer());
    expect(dataset.equals(classic)).toBe(true);
  });

  it('reads a tile at the tileset\'s URL template through /vsicurl/', async () => {
    const t = tileOf(120.16, 30.2415, 15);
    const tileset = (await (await fetch(`${running.url}/ogc/collections/garbage-rooms/tiles/WebMercatorQuad`)).json()) as { links: { rel: string; href: string }[] };
    const template = tileset.links.find((l) => l.rel === 'item')!.href;
    const url = template.replace('{tileMatrix}', String(t.z)).replace('{tileRow}', String(t.y)).replace('{tileCol}', String(t.x));
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    const { stdout } = await run('ogrinfo', ['-ro', '-so', '-al', `MVT:/vsicurl/${url}`, '-oo', `Z=${t.z}`, '-oo', `X=${t.x}`, '-oo', `Y=${t.y}`], { encoding: 'utf8', timeout: 60_000 });
    const gdal = Object.fromEntries([...stdout.matchAll(/Layer name: (\S+)[\s\S]*?Feature Count: (\d+)/g)].map((m) => [m[1], Number(m[2])]));
    expect(gdal).toEqual(ourCounts(body));
    expect(gdal['garbage-rooms']).toBeGreaterThan(0);
  });

  it('reads a tile through /vsicurl/, which fetches it with Range requests (206)', async () => {
    const t = tileOf(120.16, 30.2415, 14);
    const layers = ((await (await fetch(`${running.url}/ogc/tiles/WebMercatorQuad`)).json()) as { layers: { id: string }[] }).layers.map((l) => l.id).join(',');
    const url = `${running.url}/tiles/${layers}/${t.z}/${t.x}/${t.y}.mvt`;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    const { stdout, stderr } = await run('ogrinfo', ['-ro', '-so', '-al', `/vsicurl/${url}`, '-oo', `Z=${t.z}`, '-oo', `X=${t.x}`, '-oo', `Y=${t.y}`, '--debug', 'on'],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, CPL_VSIL_CURL_USE_HEAD: 'YES', GDAL_DISABLE_READDIR_ON_OPEN: 'EMPTY_DIR' } });
    expect(stderr).toMatch(/Got response_code=206/);
    const gdal = Object.fromEntries([...stdout.matchAll(/Layer name: (\S+)[\s\S]*?Feature Count: (\d+)/g)].map((m) => [m[1], Number(m[2])]));
    expect(Object.keys(gdal).length).toBeGreaterThan(1);
    expect(gdal).toEqual(ourCounts(body));
  });
});

describe.skipIf(!hasOwslib)('OWSLib reads the OGC API with its Tiles part', () => {
  it('finds the Tiles conformance classes, the collection tilesets and the WebMercatorQuad definition', async () => {
    const script = `
import json, sys
from owslib.ogcapi.features import Features
api = Features(sys.argv[1])
conformance = api.conformance()['conformsTo']
collection = api.collection('garbage-rooms')
tiles = [l['href'] for l in collection['links'] if l['rel'] == 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector']
tilesets = api._request(path='collections/garbage-rooms/tiles')
tms = api._request(path='tileMatrixSets/WebMercatorQuad')
print(json.dumps({'conformance': conformance, 'tiles': tiles, 'tilesets': tilesets['tilesets'], 'tms': {'id': tms['id'], 'crs': tms['crs'], 'levels': len(tms['tileMatrices'])}}))
`;
    const { stdout } = await run('/usr/bin/python3', ['-c', script, `${running.url}/ogc`], { encoding: 'utf8', timeout: 60_000 });
    const out = JSON.parse(stdout) as { conformance: string[]; tiles: string[]; tilesets: { tileMatrixSetURI: string; dataType: string }[]; tms: { id: string; crs: string; levels: number } };
    expect(out.conformance).toEqual(expect.arrayContaining(TILES_CLASSES));
    expect(out.tiles).toEqual([`${running.url}/ogc/collections/garbage-rooms/tiles`]);
    expect(out.tilesets).toEqual([expect.objectContaining({ dataType: 'vector', tileMatrixSetURI: 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad' })]);
    expect(out.tms).toEqual({ id: 'WebMercatorQuad', crs: 'http://www.opengis.net/def/crs/EPSG/0/3857', levels: 23 });
  });
});
