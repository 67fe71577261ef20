import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkGate } from '../photos';
import { createExportService } from './export-service';
import { findExecutable, runOgr2ogr } from './ogr2ogr';

const input = { name: 'garbage-rooms', properties: ['name'], features: () => ['{"type":"Feature","id":1,"geometry":{"type":"Point","coordinates":[120.16,30.24]},"properties":{"name":"清波"}}'] };
const dirs: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-export-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for ogr2ogr: a shell script with the given body. */
function fakeOgr2ogr(body: string): string {
  const file = path.join(tmp(), 'ogr2ogr');
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

describe('the export service', () => {
  it('answers 501 naming ogr2ogr when it has none, and lists no formats', async () => {
    const service = createExportService({ ogr2ogr: null });
    expect(service.formats()).toEqual([]);
    await expect(service.export('gpkg', input)).rejects.toMatchObject({ status: 501, message: expect.stringMatching(/ogr2ogr/) });
  });

  it('refuses with 503 and Retry-After when the gate is full', async () => {
    const service = createExportService({ ogr2ogr: fakeOgr2ogr('exit 0'), gate: createWorkGate({ concurrency: 0, queue: 0, retryAfterSeconds: 7, work: 'exports' }) });
    await expect(service.export('shp', input)).rejects.toMatchObject({ status: 503, retryAfterSeconds: 7 });
  });

  it('kills an ogr2ogr that runs too long, removes its temporary folder and frees the slot', async () => {
    const tmpDir = tmp();
    const gate = createWorkGate({ concurrency: 1, queue: 0 });
    const service = createExportService({ ogr2ogr: fakeOgr2ogr('sleep 5'), timeoutMs: 200, tmpDir, gate });
    await expect(service.export('gpkg', input)).rejects.toThrow(/timed out after 200 ms/);
    expect(fs.readdirSync(tmpDir)).toEqual([]);
    expect(gate.running).toBe(0);
  });

  it('passes ogr2ogr its failure for the log', async () => {
    await expect(runOgr2ogr(fakeOgr2ogr('echo "ERROR 1: no such driver" >&2; exit 1'), [], 5000)).rejects.toThrow(/exited with 1: ERROR 1: no such driver/);
  });

  it('finds executables on PATH by file, not by running them', () => {
    const dir = path.dirname(fakeOgr2ogr('exit 0'));
    expect(findExecutable('ogr2ogr', `/nonexistent${path.delimiter}${dir}`)).toBe(path.join(dir, 'ogr2ogr'));
    expect(findExecutable('ogr2ogr', '/nonexistent')).toBeUndefined();
  });
});
