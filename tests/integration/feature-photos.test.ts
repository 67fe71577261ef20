import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_PHOTO_LIMITS, type FeaturePhoto } from '@shared/feature-photos';
import { PHOTO_LIMITS } from '@shared/cases';
import { makeJpeg, makePng } from '../helpers/photos';
import { createApp } from '../../server/src/app';
import { seedDatabase } from '../../server/src/seed/seed';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

let s: SecuredApp;
let alleyId: number;
let otherAlleyId: number;

const base = (featureId: number | string, layerId = 'alleys') => `/api/layers/${layerId}/features/${featureId}/photos`;

async function upload(role: 'planner' | 'admin' | 'leader' | 'inspector', featureId: number | string, kind: string, files: { data: Buffer; name: string }[], caption?: string) {
  let req = request(s.app).post(base(featureId)).set('Cookie', await s.cookieFor(role)).field('kind', kind);
  if (caption !== undefined) req = req.field('caption', caption);
  for (const f of files) req = req.attach('photos', f.data, f.name);
  return req;
}

beforeAll(async () => {
  s = await createSecuredApp();
  const alleys = (await request(s.app).get('/ogc/collections/alleys/items')).body.features as { id: number }[];
  [alleyId, otherAlleyId] = alleys.map((f) => f.id) as [number, number];
});

describe('feature photos', () => {
  it('lists no photos for a feature that has none', async () => {
    const res = await request(s.app).get(base(alleyId));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ photos: [] });
  });

  it('stores a JPEG "before" photo with its caption, size and EXIF time, and streams it and its thumbnail', async () => {
    const jpeg = await makeJpeg({ width: 800, height: 600, takenAt: '2011:03:02 09:15:00' });
    const res = await upload('planner', alleyId, 'before', [{ data: jpeg, name: 'before.jpg' }], '  路面破损  ');
    expect(res.status).toBe(201);
    const [photo] = res.body.photos as FeaturePhoto[];
    expect(photo).toMatchObject({
      layerId: 'alleys', featureId: alleyId, kind: 'before', mime: 'image/jpeg', bytes: jpeg.length, width: 800, height: 600,
      takenAt: '2011-03-02T01:15:00.000Z', caption: '路面破损', createdBy: 'planner',
    });
    const original = await request(s.app).get(photo!.url).buffer(true);
    expect(original.status).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(original.body as Buffer, jpeg)).toBe(0);
    const thumb = await request(s.app).get(photo!.thumbUrl).buffer(true);
    expect(thumb.status).toBe(200);
    const meta = await sharp(thumb.body as Buffer).metadata();
    expect(Math.max(meta.width, meta.height)).toBe(320);
    const list = await request(s.app).get(base(alleyId));
    expect(list.body.photos.map((p: FeaturePhoto) => p.id)).toEqual([photo!.id]);
  });

  it('stores a PNG "after" photo for an admin and records both writes in the audit log', async () => {
    const res = await upload('admin', alleyId, 'after', [{ data: await makePng({ width: 40, height: 30 }), name: 'after.png' }]);
    expect(res.status).toBe(201);
    expect(res.body.photos[0]).toMatchObject({ kind: 'after', mime: 'image/png', width: 40, height: 30, caption: '', takenAt: null });
    const audit = await request(s.app).get('/api/audit?entity=feature:alleys').set('Cookie', await s.cookieFor('admin'));
    const photoEntries = (audit.body.entries as { action: string; entityId: string }[]).filter((e) => e.action === 'photo');
    expect(photoEntries.map((e) => e.entityId)).toEqual([String(alleyId), String(alleyId)]);
  });

  it('refuses a file that is not an image (415) and writes nothing', async () => {
    const before = (await request(s.app).get(base(otherAlleyId))).body.photos.length;
    const res = await upload('planner', otherAlleyId, 'before', [{ data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), name: 'x.jpg' }]);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect((await request(s.app).get(base(otherAlleyId))).body.photos).toHaveLength(before);
  });

  it('refuses an unknown kind, a too-long caption and an upload without files (400)', async () => {
    const jpeg = { data: await makeJpeg(), name: 'a.jpg' };
    expect((await upload('planner', otherAlleyId, 'during', [jpeg])).status).toBe(400);
    expect((await upload('planner', otherAlleyId, 'after', [jpeg], 'x'.repeat(FEATURE_PHOTO_LIMITS.captionChars + 1))).status).toBe(400);
    const none = await upload('planner', otherAlleyId, 'after', []);
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/photos/);
  });

  it('refuses a file over the size limit (413)', async () => {
    const big = Buffer.concat([await makeJpeg(), Buffer.alloc(PHOTO_LIMITS.maxBytes)]);
    const res = await upload('planner', otherAlleyId, 'before', [{ data: big, name: 'big.jpg' }]);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('photo_too_large');
  });

  it('needs a session to upload (401) and an editor role (403)', async () => {
    const anonymous = await request(s.app).post(base(alleyId)).field('kind', 'before').attach('photos', await makeJpeg(), 'a.jpg');
    expect(anonymous.status).toBe(401);
    expect((await upload('leader', alleyId, 'before', [{ data: await makeJpeg(), name: 'a.jpg' }])).status).toBe(403);
    expect((await upload('inspector', alleyId, 'before', [{ data: await makeJpeg(), name: 'a.jpg' }])).status).toBe(403);
  });

  it('answers 404 for an unknown feature, layer or photo', async () => {
    expect((await upload('planner', 999999, 'before', [{ data: await makeJpeg(), name: 'a.jpg' }])).status).toBe(404);
    expect((await request(s.app).get(base(999999))).status).toBe(404);
    expect((await request(s.app).get(base(alleyId, 'nope'))).status).toBe(404);
    expect((await request(s.app).get(base('abc'))).status).toBe(404);
    expect((await request(s.app).get(`${base(alleyId)}/999999`)).status).toBe(404);
    const photo = (await request(s.app).get(base(alleyId))).body.photos[0] as FeaturePhoto;
    expect((await request(s.app).get(`${base(otherAlleyId)}/${photo.id}`)).status).toBe(404);
  });

  it('deletes a photo (editors only): its row, its files and an audit entry', async () => {
    const added = (await upload('planner', otherAlleyId, 'after', [{ data: await makeJpeg(), name: 'a.jpg' }])).body.photos[0] as FeaturePhoto;
    const folder = path.join(s.config.uploadDir, 'features', 'alleys', String(otherAlleyId));
    expect(fs.readdirSync(folder)).toHaveLength(2);
    const url = `${base(otherAlleyId)}/${added.id}`;
    expect((await request(s.app).delete(url)).status).toBe(401);
    expect((await request(s.app).delete(url).set('Cookie', await s.cookieFor('leader'))).status).toBe(403);
    expect((await request(s.app).delete(url).set('Cookie', await s.cookieFor('planner'))).status).toBe(204);
    expect((await request(s.app).get(url)).status).toBe(404);
    expect(fs.readdirSync(folder)).toHaveLength(0);
    expect((await request(s.app).delete(url).set('Cookie', await s.cookieFor('planner'))).status).toBe(404);
    const audit = await request(s.app).get('/api/audit?entity=feature:alleys').set('Cookie', await s.cookieFor('admin'));
    expect(audit.body.entries[0]).toMatchObject({ action: 'photo-delete', entityId: String(otherAlleyId), summary: { photo: added.id, kind: 'after' } });
  });

  it('removes the photos and their files when the feature is deleted', async () => {
    const created = await request(s.app).post('/ogc/collections/alleys/items').set('Cookie', await s.cookieFor('planner')).set('Content-Type', 'application/geo+json')
      .send({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[120.158, 30.242], [120.159, 30.243]] }, properties: { name: '临时', name_en: 'Temporary' } });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect((await upload('planner', id, 'before', [{ data: await makeJpeg(), name: 'a.jpg' }])).status).toBe(201);
    const folder = path.join(s.config.uploadDir, 'features', 'alleys', String(id));
    expect(fs.existsSync(folder)).toBe(true);
    expect((await request(s.app).delete(`/ogc/collections/alleys/items/${id}`).set('Cookie', await s.cookieFor('planner'))).status).toBe(204);
    expect(fs.existsSync(folder)).toBe(false);
    expect(s.db.prepare('SELECT count(*) AS n FROM feature_photos WHERE feature_id = ?').get(id)).toEqual({ n: 0 });
    expect((await request(s.app).get(base(id))).status).toBe(404);
  });

  it('drops the photos of a re-seeded layer, and their files at the next start', async () => {
    const added = (await upload('planner', alleyId, 'before', [{ data: await makeJpeg(), name: 'a.jpg' }])).body.photos[0] as FeaturePhoto;
    expect(added.featureId).toBe(alleyId);
    const folder = path.join(s.config.uploadDir, 'features', 'alleys', String(alleyId));
    expect(fs.readdirSync(folder).length).toBeGreaterThan(0);
    seedDatabase(s.db, s.config.dataDir);
    expect(s.db.prepare('SELECT count(*) AS n FROM feature_photos').get()).toEqual({ n: 0 });
    createApp({ db: s.db, config: s.config });
    const left = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
    expect(left).toEqual([]);
  });
});
