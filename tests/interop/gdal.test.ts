import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { startDemoServer } from '../helpers/demo-server';
import { decodeTile, tileOf } from '../helpers/tiles';

// the server runs in this process: GDAL must run asynchronously or the server cannot answer it
const run = promisify(execFile);
// in CI (`CI` set) the tests always run: a missing GDAL fails them rather than skipping them
const hasGdal = Boolean(process.env.CI) || spawnSync('ogrinfo', ['--version']).status === 0;
if (!hasGdal) console.warn('[interop] skipped: ogrinfo (gdal-bin) is not installed; .ci/run installs it');

describe.skipIf(!hasGdal)('GDAL reads the OGC API through OAPIF', () => {
  let running: RunningServer;
  let tmp: string;

  beforeAll(async () => {
    ({ running, tmp } = await startDemoServer('qingbo-gdal-'));
  });
  afterAll(async () => {
    await running?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function databaseCounts(): Map<string, number> {
    const rows = running.db.prepare('SELECT l.id, count(f.id) AS n FROM layers l LEFT JOIN features f ON f.layer_id = l.id GROUP BY l.id').all() as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  it('ogrinfo lists every collection', async () => {
    const { stdout: out } = await run('ogrinfo', ['-ro', '-so', `OAPIF:${running.url}/ogc`], { encoding: 'utf8', timeout: 60_000 });
    const listed = [...out.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...databaseCounts().keys()].sort());
  });

  it('ogr2ogr downloads each collection completely, following next links', async () => {
    for (const [id, count] of databaseCounts()) {
      const out = path.join(tmp, `${id}.geojson`);
      await run('ogr2ogr', ['-f', 'GeoJSON', out, `OAPIF:${running.url}/ogc`, id, '-oo', 'PAGE_SIZE=37'], { encoding: 'utf8', timeout: 60_000 });
      const fc = JSON.parse(fs.readFileSync(out, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
      expect(fc.features.length, id).toBe(count);
      expect(fc.features.every((f) => typeof f.properties.name === 'string'), `${id} names`).toBe(true);
    }
  });

  it('GDAL\'s MVT driver reads served tiles with the same feature counts', async () => {
    const layers = [...databaseCounts().keys()].join(',');
    for (const z of [13, 15, 17]) {
      const t = tileOf(120.16, 30.2415, z);
      const res = await fetch(`${running.url}/tiles/${layers}/${t.z}/${t.x}/${t.y}.mvt`);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      const file = path.join(tmp, `${t.z}-${t.x}-${t.y}.mvt`);
      fs.writeFileSync(file, body);
      const ours = Object.fromEntries(Object.entries(decodeTile(body).layers).map(([name, l]) => [name, l.length]));
      const { stdout } = await run('ogrinfo', ['-ro', '-so', '-al', file, '-oo', `Z=${t.z}`, '-oo', `X=${t.x}`, '-oo', `Y=${t.y}`], { encoding: 'utf8', timeout: 60_000 });
      const gdal = Object.fromEntries([...stdout.matchAll(/Layer name: (\S+)[\s\S]*?Feature Count: (\d+)/g)].map((m) => [m[1], Number(m[2])]));
      expect(Object.keys(ours).length, `z${z} layers`).toBeGreaterThan(3);
      expect(gdal, `z${z}`).toEqual(ours);
    }
  });
});
