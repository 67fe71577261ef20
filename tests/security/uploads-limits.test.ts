import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkGate } from '../../server/src/features/photos/work-gate';
import { filesUnder } from '../helpers/files';
import { makeHugePng } from '../helpers/huge-png';
import { makeJpeg } from '../helpers/photos';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

async function firstAlley(s: SecuredApp): Promise<number> {
  const alleys = (await request(s.app).get('/ogc/collections/alleys/items')).body.features as { id: number }[];
  return alleys[0]!.id;
}

async function uploadTo(s: SecuredApp, featureId: number, data: Buffer, name = 'photo.jpg') {
  return request(s.app).post(`/api/layers/alleys/features/${featureId}/photos`).set('Cookie', await s.cookieFor('planner'))
    .field('kind', 'before').attach('photos', data, name);
}

describe('photo pixel limit', () => {
  let s: SecuredApp;
  let alley: number;
  beforeAll(async () => {
    s = await createSecuredApp();
    alley = await firstAlley(s);
  });

  it('refuses a 20,000 × 20,000 px PNG (50 KB on disk) with 413 image_too_large naming the limit, and keeps no file', async () => {
    const res = await uploadTo(s, alley, makeHugePng(20_000, 20_000), 'huge.png');
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'image_too_large', details: { width: 20_000, height: 20_000, maxPixels: 50_000_000 } });
    expect(res.body.error.message).toMatch(/20000 × 20000 pixels \(400 MP\); a photo may have at most 50 MP/);
    expect(filesUnder(s.config.uploadDir)).toEqual([]);
    expect((await request(s.app).get(`/api/layers/alleys/features/${alley}/photos`)).body).toEqual({ photos: [] });
  });

  it('refuses 8,000 × 7,000 px (56 MP, more than a phone photo) and takes an ordinary photo', async () => {
    const big = await uploadTo(s, alley, makeHugePng(8_000, 7_000), 'big.png');
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('image_too_large');
    const ordinary = await uploadTo(s, alley, await makeJpeg({ width: 400, height: 300 }));
    expect(ordinary.status).toBe(201);
    expect(ordinary.body.photos[0]).toMatchObject({ width: 400, height: 300 });
  });
});

describe('image work gate', () => {
  it('answers 503 with Retry-After and a JSON error when every image slot is taken and nothing may wait, and removes the upload', async () => {
    const gate = createWorkGate({ concurrency: 1, queue: 0, retryAfterSeconds: 3 });
    const s = await createSecuredApp({}, undefined, { uploads: { imageGate: gate } });
    const alley = await firstAlley(s);
    const jpeg = await makeJpeg();
    const release = await gate.acquire();
    const busy = await uploadTo(s, alley, jpeg);
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('3');
    expect(busy.headers['content-type']).toMatch(/application\/json/);
    expect(busy.body.error).toMatchObject({ code: 'busy', details: { retryAfter: 3 } });
    expect(busy.body.error.message).toMatch(/busy/);
    expect(filesUnder(s.config.uploadDir)).toEqual([]);
    release();
    const ok = await uploadTo(s, alley, jpeg);
    expect(ok.status).toBe(201);
  });

  it('lets uploads wait up to the queue length, refuses the next with 503, and runs the waiting one once a slot frees', async () => {
    const gate = createWorkGate({ concurrency: 1, queue: 1 });
    const s = await createSecuredApp({}, undefined, { uploads: { imageGate: gate } });
    const alley = await firstAlley(s);
    const [a, b] = [await makeJpeg({ colour: '#aa0000' }), await makeJpeg({ colour: '#00aa00' })];
    await s.cookieFor('planner');
    const release = await gate.acquire();
    const first = uploadTo(s, alley, a).then((r) => r);
    const second = uploadTo(s, alley, b).then((r) => r);
    const refused = await Promise.race([first, second]);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect(gate.waiting).toBe(1);
    release();
    const statuses = (await Promise.all([first, second])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 503]);
    expect(filesUnder(path.join(s.config.uploadDir, '.incoming'))).toEqual([]);
  });

  it('lets uploads without files through while the gate is full (a case report without photos is no image work)', async () => {
    const gate = createWorkGate({ concurrency: 1, queue: 0 });
    const s = await createSecuredApp({}, undefined, { uploads: { imageGate: gate } });
    const release = await gate.acquire();
    const res = await request(s.app).post('/api/cases').set('Cookie', await s.cookieFor('inspector')).send({ category: 'nope' });
    expect(res.status).not.toBe(503);
    release();
  });
});

describe('temporary upload files', () => {
  let s: SecuredApp;
  let alley: number;
  let incoming: string;
  beforeAll(async () => {
    s = await createSecuredApp();
    alley = await firstAlley(s);
    incoming = path.join(s.config.uploadDir, '.incoming');
  });

  it('go to disk under UPLOAD_DIR/.incoming and are gone after a stored upload (moved into place, not copied)', async () => {
    const jpeg = await makeJpeg({ width: 200, height: 100 });
    const res = await uploadTo(s, alley, jpeg);
    expect(res.status).toBe(201);
    expect(fs.readdirSync(incoming)).toEqual([]);
    const stored = filesUnder(path.join(s.config.uploadDir, 'features'));
    expect(stored).toHaveLength(2);
    expect(stored.filter((f) => Buffer.compare(fs.readFileSync(f), jpeg) === 0)).toHaveLength(1);
  });

  it('are gone after a refused upload: not an image (415), too big (413), a bad form field (400)', async () => {
    const before = filesUnder(path.join(s.config.uploadDir, 'features'));
    expect((await uploadTo(s, alley, Buffer.from('not an image at all'), 'x.jpg')).status).toBe(415);
    expect((await uploadTo(s, alley, Buffer.alloc(10 * 1024 * 1024 + 1, 0xff), 'big.jpg')).status).toBe(413);
    const badKind = await request(s.app).post(`/api/layers/alleys/features/${alley}/photos`).set('Cookie', await s.cookieFor('planner'))
      .field('kind', 'sideways').attach('photos', await makeJpeg(), 'a.jpg');
    expect(badKind.status).toBe(400);
    expect(fs.readdirSync(incoming)).toEqual([]);
    expect(filesUnder(path.join(s.config.uploadDir, 'features'))).toEqual(before);
  });
});
