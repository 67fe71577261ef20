import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/src/config';
import { isPostgres } from '../../server/src/db/database';
import { fsPhotoWriter, type PhotoWriter } from '../../server/src/features/photos';
import { DEMO_API_KEY, seedDemoApiKey } from '../../server/src/open311/api-keys';
import { caseBody, HEFANG } from '../helpers/cases';
import { filesUnder } from '../helpers/files';
import { makeJpeg } from '../helpers/photos';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

/** An error as Node's fs gives it when the disk is full. */
function enospc(syscall: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, ${syscall} '${file}'`), { code: 'ENOSPC', errno: -28, syscall, path: file });
}

/**
 * A photo writer on a disk that fills up: the real file operations until `fail` says an
 * operation (counted from 1) runs out of space; a failing write leaves a zero-byte file, as a full disk does.
 */
function fillingDisk(fail: (op: number, kind: 'write' | 'rename') => boolean): PhotoWriter & { full: boolean } {
  let op = 0;
  const disk = {
    full: true,
    writeFile(file: string, data: Buffer) {
      if (disk.full && fail(++op, 'write')) {
        fs.writeFileSync(file, Buffer.alloc(0));
        throw enospc('write', file);
      }
      fsPhotoWriter.writeFile(file, data);
    },
    rename(from: string, to: string) {
      if (disk.full && fail(++op, 'rename')) throw enospc('rename', to);
      fsPhotoWriter.rename(from, to);
    },
  };
  return disk;
}

/** A logger whose lines the test reads. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

const count = (s: SecuredApp, table: string) => s.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

async function firstAlley(s: SecuredApp): Promise<number> {
  return ((await request(s.app).get('/ogc/collections/alleys/items')).body.features as { id: number }[])[0]!.id;
}

async function uploadTo(s: SecuredApp, featureId: number, data: Buffer) {
  return request(s.app).post(`/api/layers/alleys/features/${featureId}/photos`).set('Cookie', await s.cookieFor('planner'))
    .field('kind', 'before').attach('photos', data, 'photo.jpg');
}

describe('a full disk while storing feature photos', () => {
  it('answers 507 insufficient_storage in plain words, logs it once a minute (not per request), and leaves no file or row', async () => {
    const { log, lines } = capturedLog();
    const disk = fillingDisk((_op, kind) => kind === 'write');
    const s = await createSecuredApp({}, undefined, { log, uploads: { photoWriter: disk } });
    const alley = await firstAlley(s);
    await s.cookieFor('planner');
    const [photos, audits] = [count(s, 'feature_photos'), count(s, 'audit_log')];
    for (let i = 0; i < 3; i++) {
      const res = await uploadTo(s, alley, await makeJpeg());
      expect(res.status).toBe(507);
      expect(res.body.error).toEqual({ code: 'insufficient_storage', message: 'the server has run out of storage space, so nothing was saved; try again later and tell the administrator' });
    }
    const logged = lines.filter((l) => String(l.msg).includes('storage full'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, code: 'ENOSPC' });
    expect(logged[0]).not.toHaveProperty('err');
    expect(lines.filter((l) => l.msg === 'unhandled error')).toEqual([]);
    expect(filesUnder(s.config.uploadDir)).toEqual([]);
    expect([count(s, 'feature_photos'), count(s, 'audit_log')]).toEqual([photos, audits]);
    disk.full = false;
    expect((await uploadTo(s, alley, await makeJpeg())).status).toBe(201);
  });

  it('removes the original already moved into place when the thumbnail then fails, for every photo of the upload', async () => {
    const disk = fillingDisk((op) => op === 6);
    const s = await createSecuredApp({}, undefined, { uploads: { photoWriter: disk } });
    const alley = await firstAlley(s);
    const req = request(s.app).post(`/api/layers/alleys/features/${alley}/photos`).set('Cookie', await s.cookieFor('planner')).field('kind', 'after')
      .attach('photos', await makeJpeg({ colour: '#111111' }), 'a.jpg').attach('photos', await makeJpeg({ colour: '#222222' }), 'b.jpg');
    const res = await req;
    expect(res.status).toBe(507);
    expect(filesUnder(s.config.uploadDir)).toEqual([]);
    expect(count(s, 'feature_photos')).toBe(0);
  });
});

describe('a full disk while filing a case with photos', () => {
  it('files nothing: no case, no photo row, no file', async () => {
    const disk = fillingDisk((_op, kind) => kind === 'rename');
    const s = await createSecuredApp({}, path.join(PROJECT_ROOT, 'data'), { uploads: { photoWriter: disk } });
    const before = [count(s, 'cases'), count(s, 'case_photos')];
    const res = await request(s.app).post('/api/cases').set('Cookie', await s.cookieFor('inspector'))
      .field('case', JSON.stringify(caseBody())).attach('photos', await makeJpeg(), 'a.jpg');
    expect(res.status).toBe(507);
    expect(res.body.error.code).toBe('insufficient_storage');
    expect([count(s, 'cases'), count(s, 'case_photos')]).toEqual(before);
    expect(filesUnder(path.join(s.config.uploadDir, 'cases'))).toEqual([]);
    expect(filesUnder(path.join(s.config.uploadDir, '.incoming'))).toEqual([]);
  });
});

/**
 * Makes the database full from now on: SQLite's file may not grow past its pages (SQLITE_FULL); PostgreSQL's
 * inserts fail as a server out of disk does (SQLSTATE 53100 disk_full, raised by a trigger).
 */
function fillDatabase(s: SecuredApp): void {
  if (isPostgres(s.db)) {
    s.db.exec(`CREATE FUNCTION disk_is_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
    for (const table of ['features', 'cases', 'case_events', 'audit_log']) {
      s.db.exec(`CREATE TRIGGER ${table}_disk_full BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION disk_is_full()`);
    }
    return;
  }
  s.db.exec('VACUUM');
  s.db.pragma(`max_page_count = ${s.db.pragma('page_count', { simple: true }) as number}`);
}

describe('a full database (SQLITE_FULL, or PostgreSQL out of disk)', () => {
  it('answers 507 to an import and stores none of its features', async () => {
    const s = await createSecuredApp();
    const cookie = await s.cookieFor('planner');
    const before = [count(s, 'features'), count(s, 'audit_log')];
    const rows = Array.from({ length: 500 }, (_, i) => `${(120.155 + i * 1e-5).toFixed(5)},30.235,垃圾房${i},Room ${i},open`).join('\n');
    fillDatabase(s);
    const res = await request(s.app).post('/api/layers/garbage-rooms/import').set('Cookie', cookie)
      .attach('file', Buffer.from(`lon,lat,name,name_en,status\n${rows}\n`), 'rooms.csv');
    expect(res.status).toBe(507);
    expect(res.body.error.code).toBe('insufficient_storage');
    expect([count(s, 'features'), count(s, 'audit_log')]).toEqual(before);
  });

  it('answers 507 to an Open311 filing in the Open311 error format and files nothing', async () => {
    const s = await createSecuredApp({}, path.join(PROJECT_ROOT, 'data'));
    seedDemoApiKey(s.db);
    const before = [count(s, 'cases'), count(s, 'case_events')];
    fillDatabase(s);
    const res = await request(s.app).post('/open311/v2/requests.json').type('form')
      .send({ api_key: DEMO_API_KEY, service_code: 'E01-02', lat: String(HEFANG.lat), long: String(HEFANG.lon), description: '河坊街口有一堆垃圾'.repeat(200) });
    expect(res.status).toBe(507);
    expect(res.body).toEqual([{ code: 507, description: expect.stringMatching(/out of storage space/) }]);
    expect([count(s, 'cases'), count(s, 'case_events')]).toEqual(before);
  });
});
