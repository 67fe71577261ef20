import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../server/src/config';
import { openDatabase } from '../server/src/db/database';
import { seedDatabase } from '../server/src/seed/seed';
import { writeFixtureDataDir } from '../tests/helpers/fixture-data';

const run = promisify(execFile);
const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
let dataDir: string;
let dbFile: string;

/** Runs `npm run import -- …` (the script itself) against the temporary database. */
async function importCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATA_DIR: dataDir, DB_FILE: dbFile, LOG_LEVEL: 'silent' };
  try {
    const { stdout, stderr } = await run(TSX, ['scripts/import.ts', ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function query<T>(sql: string, ...params: unknown[]): T {
  const db = openDatabase(dbFile);
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}
const count = () => query<{ n: number }>("SELECT count(*) AS n FROM features WHERE layer_id = 'garbage-rooms'").n;

function writeFile(name: string, text: string): string {
  const file = path.join(dataDir, name);
  fs.writeFileSync(file, text);
  return file;
}

beforeAll(() => {
  dataDir = writeFixtureDataDir();
  dbFile = path.join(dataDir, 'cli.sqlite');
  const db = openDatabase(dbFile);
  seedDatabase(db, dataDir);
  db.close();
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run import', () => {
  it('prints its usage with --help and refuses a call without --layer (exit 2)', async () => {
    const help = await importCli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: npm run import -- --layer/);
    const bad = await importCli('some.csv');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--layer is required/);
  });

  it('dry-runs a file with an invalid row: reports it by line, writes nothing, exits 1', async () => {
    const before = count();
    const file = writeFile('rooms.csv', '\uFEFFlon,lat,name,name_en,status\n120.155,30.235,甲,A,open\n120.156,30.236,乙,B,burning\n');
    const res = await importCli('--layer', 'garbage-rooms', file, '--dry-run');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/line 3: error\s+properties\.status/);
    expect(res.stdout).toMatch(/2 features: 1 valid, 1 invalid/);
    expect(res.stdout).toMatch(/Dry run: nothing was written/);
    expect(count()).toBe(before);
  });

  it('imports a GCJ-02 GeoJSON into the configured database, converted to WGS84 and audit-logged (exit 0)', async () => {
    const before = count();
    const file = writeFile('amap.geojson', JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [120.16, 30.24] }, properties: { name: '高德', name_en: 'Amap', status: 'open' } }],
    }));
    const res = await importCli('--layer', 'garbage-rooms', '--crs', 'gcj02', file);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Imported 1 feature \(id \d+\)/);
    expect(count()).toBe(before + 1);
    const row = query<{ geometry: string }>("SELECT geometry FROM features WHERE layer_id = 'garbage-rooms' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(row.geometry).coordinates).toEqual(gcoord.transform([120.16, 30.24], gcoord.GCJ02, gcoord.WGS84));
    expect(query<{ username: string; summary: string }>("SELECT username, summary FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1"))
      .toMatchObject({ username: 'cli', summary: expect.stringContaining('"file":"amap.geojson"') });
  });

  it('fails clearly for an unreadable file, an unknown layer and an unknown crs', async () => {
    const broken = writeFile('broken.geojson', '{"type":');
    const res = await importCli('--layer', 'garbage-rooms', broken);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Import failed: the file is not valid JSON/);
    const layer = await importCli('--layer', 'nope', broken);
    expect(layer.code).toBe(1);
    expect(layer.stderr).toMatch(/"nope" does not exist/);
    const crs = await importCli('--layer', 'garbage-rooms', '--crs', 'utm', broken);
    expect(crs.code).toBe(2);
  });
});
