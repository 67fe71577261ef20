import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SecuredApp } from '../helpers/session';
import { act, caseBody, caseIn, createCasesApp, HEFANG } from '../helpers/cases';
import { makeJpeg, makePng, makeWebp, uploadPhotos } from '../helpers/photos';

let s: SecuredApp;
beforeAll(async () => {
  s = await createCasesApp();
});

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const fetchFile = async (url: string, role: Parameters<SecuredApp['cookieFor']>[0] = 'supervisor') =>
  request(s.app).get(url).set('Cookie', await s.cookieFor(role)).buffer(true).parse(binary);

describe('uploading photos', () => {
  it('stores an after photo with its metadata, under a server-made name, and streams it back', async () => {
    const id = await caseIn(s, 'handling');
    const jpeg = await makeJpeg({ width: 800, height: 600, gps: HEFANG, takenAt: '2011:07:15 10:20:30' });
    const res = await uploadPhotos(s, 'handler', id, 'after', [{ data: jpeg, name: '../../etc/passwd.jpg' }]);
    expect(res.status).toBe(201);
    const [photo] = res.body.photos;
    expect(photo).toMatchObject({
      kind: 'after', mime: 'image/jpeg', bytes: jpeg.length, width: 800, height: 600, takenAt: '2011-07-15T02:20:30.000Z', demo: false,
      url: `/api/cases/${id}/photos/${photo.id}`, thumbUrl: `/api/cases/${id}/photos/${photo.id}/thumb`,
    });
    expect(photo.lon).toBeCloseTo(HEFANG.lon, 5);
    expect(photo.lat).toBeCloseTo(HEFANG.lat, 5);

    const folder = path.join(s.config.uploadDir, 'cases', String(id));
    const files = fs.readdirSync(folder).sort();
    expect(files).toHaveLength(2);
    for (const f of files) expect(f).toMatch(/^[0-9a-f]{32}(\.thumb)?\.jpg$/);
    const row = s.db.prepare('SELECT kind, mime, bytes, width, height, taken_at, lon, lat, sha256, file_name FROM case_photos WHERE id = ?').get(photo.id) as Record<string, unknown>;
    expect(row).toMatchObject({ kind: 'after', mime: 'image/jpeg', bytes: jpeg.length, width: 800, height: 600, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(files).toContain(row.file_name);

    const original = await fetchFile(photo.url);
    expect(original.status).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(original.body as Buffer, jpeg)).toBe(0);

    const thumb = await fetchFile(photo.thumbUrl);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(thumb.body as Buffer).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 240]);

    const detail = await request(s.app).get(`/api/cases/${id}`).set('Cookie', await s.cookieFor('leader'));
    expect(detail.body.case.photos).toEqual([photo]);
  });

  it('accepts PNG and WebP, sniffed from their bytes whatever their names say', async () => {
    const id = await caseIn(s, 'reported');
    const res = await uploadPhotos(s, 'inspector', id, 'before', [{ data: await makePng(), name: 'a.jpg' }, { data: await makeWebp(), name: 'b.txt' }]);
    expect(res.status).toBe(201);
    expect(res.body.photos.map((p: { mime: string }) => p.mime)).toEqual(['image/png', 'image/webp']);
    const png = await fetchFile(res.body.photos[0].url);
    expect(png.headers['content-type']).toBe('image/png');
  });

  it.each([
    ['a text file renamed .jpg', Buffer.from('hello, I am not a photo'), 'photo.jpg'],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.svg'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary'), 'x.gif'],
    ['JPEG magic bytes over garbage', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]), 'x.jpg'],
  ])('refuses %s with 415 and stores nothing', async (_label, data, name) => {
    const id = await caseIn(s, 'reported');
    const res = await uploadPhotos(s, 'inspector', id, 'before', [{ data, name }]);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect(s.db.prepare('SELECT count(*) FROM case_photos WHERE case_id = ?').pluck().get(id)).toBe(0);
    expect(fs.existsSync(path.join(s.config.uploadDir, 'cases', String(id)))).toBe(false);
  });

  it('keeps to 1–5 photos of a kind per case and 10 MB per file', async () => {
    const id = await caseIn(s, 'reported');
    const jpeg = await makeJpeg();
    const six = Array.from({ length: 6 }, () => ({ data: jpeg }));
    expect((await uploadPhotos(s, 'inspector', id, 'before', six)).status).toBe(400);
    expect((await uploadPhotos(s, 'inspector', id, 'before', six.slice(0, 3))).status).toBe(201);
    const over = await uploadPhotos(s, 'inspector', id, 'before', six.slice(0, 3));
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'too_many_photos', message: expect.stringMatching(/at most 5 "before" photos \(it has 3; 3 sent\)/) });
    expect((await uploadPhotos(s, 'inspector', id, 'before', six.slice(0, 2))).status).toBe(201);
    const none = await request(s.app).post(`/api/cases/${id}/photos`).set('Cookie', await s.cookieFor('inspector')).field('kind', 'before');
    expect(none.status).toBe(400);
    const big = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await uploadPhotos(s, 'inspector', await caseIn(s, 'reported'), 'before', [{ data: big }]);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('photo_too_large');
  });

  it('lets filers add before photos to open cases and the department add after photos while handling', async () => {
    const reported = await caseIn(s, 'reported');
    expect((await uploadPhotos(s, 'handler', reported, 'before')).status).toBe(404); // not yet the department's case
    expect((await uploadPhotos(s, 'inspector', reported, 'after')).status).toBe(403);
    const dispatched = await caseIn(s, 'dispatched');
    expect((await uploadPhotos(s, 'handler', dispatched, 'after')).status).toBe(409);
    expect((await uploadPhotos(s, 'handler', dispatched, 'before')).status).toBe(403);
    expect((await uploadPhotos(s, 'supervisor', await caseIn(s, 'closed'), 'before')).status).toBe(409);
    expect((await uploadPhotos(s, 'inspector', reported, 'sideways' as 'before')).status).toBe(400);
    expect((await uploadPhotos(s, 'dispatcher', reported, 'before')).status).toBe(403);
  });
});

describe('filing with photos', () => {
  it('takes the report as JSON in a multipart "case" field with 1–5 before photos, once per idempotency key', async () => {
    const body = caseBody({ description: '河坊街有暴露垃圾（附照片）', category: 'E01-02' });
    const post = async () => request(s.app).post('/api/cases').set('Cookie', await s.cookieFor('inspector'))
      .field('case', JSON.stringify(body)).attach('photos', await makeJpeg({ gps: HEFANG }), 'a.jpg').attach('photos', await makePng(), 'b.png');
    const first = await post();
    expect(first.status).toBe(201);
    expect(first.body.case.photos.map((p: { kind: string; mime: string }) => [p.kind, p.mime])).toEqual([['before', 'image/jpeg'], ['before', 'image/png']]);
    expect(first.body.case.events[0].data).toMatchObject({ photos: 2 });
    const again = await post();
    expect(again.status).toBe(200);
    expect(again.body.case.photos).toHaveLength(2);
  });

  it('refuses a multipart filing without a valid report, or with a bad photo, and files nothing', async () => {
    const before = s.db.prepare('SELECT count(*) FROM cases').pluck().get();
    const cookie = await s.cookieFor('inspector');
    expect((await request(s.app).post('/api/cases').set('Cookie', cookie).attach('photos', await makeJpeg(), 'a.jpg')).status).toBe(400);
    expect((await request(s.app).post('/api/cases').set('Cookie', cookie).field('case', '{not json')).status).toBe(400);
    const bad = await request(s.app).post('/api/cases').set('Cookie', cookie).field('case', JSON.stringify(caseBody())).attach('photos', Buffer.from('text'), 'a.jpg');
    expect(bad.status).toBe(415);
    expect(s.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(before);
  });
});

describe('streaming photos', () => {
  it('shows photos to case staff who may see the case, and 404s everything else', async () => {
    const id = await caseIn(s, 'handling');
    const photo = (await uploadPhotos(s, 'handler', id, 'after')).body.photos[0];
    expect((await fetchFile(photo.url, 'leader')).status).toBe(200);
    expect((await fetchFile(photo.url, 'planner')).status).toBe(403);
    expect((await request(s.app).get(photo.url)).status).toBe(401);
    const greening = await request(s.app).post('/api/auth/login').send({ username: 'greening', password: 'qingbo2011' });
    const other = await request(s.app).get(photo.url).set('Cookie', String(greening.headers['set-cookie']![0]).split(';')[0]!);
    expect(other.status).toBe(404);
    const otherCase = await caseIn(s, 'reported');
    expect((await fetchFile(`/api/cases/${otherCase}/photos/${photo.id}`)).status).toBe(404);
    for (const bad of ['..%2F..%2Fpackage.json', '1%2F..', '999999', 'abc']) expect((await fetchFile(`/api/cases/${id}/photos/${bad}`)).status).toBe(404);
  });
});

describe('feedback needs an after photo', () => {
  it('refuses feedback until the department uploads one, and again after a rework', async () => {
    const id = await caseIn(s, 'handling');
    const refused = await act(s, 'handler', id, 'feedback', { note: '已清理' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('after_photo_required');
    expect((await uploadPhotos(s, 'inspector', id, 'before')).status).toBe(201); // a before photo does not count
    expect((await act(s, 'handler', id, 'feedback', { note: '已清理' })).status).toBe(400);
    await uploadPhotos(s, 'handler', id, 'after');
    const fed = await act(s, 'handler', id, 'feedback', { note: '已清理' });
    expect(fed.status).toBe(200);
    expect(fed.body.case.events.at(-1).data).toEqual({ afterPhotos: 1 });
  });
});

describe('POST /api/photos/exif', () => {
  const exif = async (data: Buffer, role: Parameters<SecuredApp['cookieFor']>[0] = 'inspector') =>
    request(s.app).post('/api/photos/exif').set('Cookie', await s.cookieFor(role)).attach('photo', data, 'p.jpg');

  it('reads the GPS position and time from a JPEG made by the test', async () => {
    const res = await exif(await makeJpeg({ gps: { lon: 120.158765, lat: 30.247321 }, takenAt: '2011:03:07 09:15:00' }));
    expect(res.status).toBe(200);
    expect(res.body.lon).toBeCloseTo(120.158765, 5);
    expect(res.body.lat).toBeCloseTo(30.247321, 5);
    expect(res.body.takenAt).toBe('2011-03-07T01:15:00.000Z');
  });

  it('answers nulls for a photo without EXIF, 415 for a non-image, 400 without a file, 403 for other roles', async () => {
    expect((await exif(await makeJpeg())).body).toEqual({ lon: null, lat: null, takenAt: null });
    expect((await exif(Buffer.from('plain text'))).status).toBe(415);
    expect((await request(s.app).post('/api/photos/exif').set('Cookie', await s.cookieFor('inspector')).send({})).status).toBe(400);
    expect((await exif(await makeJpeg(), 'leader')).status).toBe(403);
  });
});
