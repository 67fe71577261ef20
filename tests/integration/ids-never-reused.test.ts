import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

let s: SecuredApp;
let planner: string;
let admin: string;
beforeAll(async () => {
  s = await createSecuredApp();
  planner = await s.cookieFor('planner');
  admin = await s.cookieFor('admin');
});

const room = (name: string) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [120.161, 30.241] }, properties: { name, name_en: `Room ${name}`, status: 'open', households_served: 120 },
});
const post = (name: string) => request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', planner)
  .set('Content-Type', 'application/geo+json').send(JSON.stringify(room(name)));
const idOf = (location: string) => Number(location.split('/').at(-1));

describe('feature ids are never reused (#15 item 6)', () => {
  it('gives the next feature a new id after the newest one was deleted; the old link and audit row find nothing', async () => {
    const created = await post('将被删除的垃圾房');
    expect(created.status).toBe(201);
    const deletedId = idOf(created.headers.location!);
    const path = new URL(created.headers.location!).pathname;
    expect((await request(s.app).delete(path).set('Cookie', planner)).status).toBe(204);

    const next = await post('新导入的垃圾房');
    expect(next.status).toBe(201);
    expect(idOf(next.headers.location!)).toBeGreaterThan(deletedId);
    // the deleted room's link answers 404, not the new room
    expect((await request(s.app).get(path)).status).toBe(404);

    const audit = await request(s.app).get('/api/audit').query({ limit: 50 }).set('Cookie', admin);
    expect(audit.status).toBe(200);
    const rows = JSON.stringify(audit.body);
    expect(rows).toContain(`"entityId":"${deletedId}"`);
  });

  it('keeps the sequence above the largest id even when the newest feature is deleted twice in a row', async () => {
    const a = idOf((await post('甲')).headers.location!);
    await request(s.app).delete(`/ogc/collections/garbage-rooms/items/${a}`).set('Cookie', planner);
    const b = idOf((await post('乙')).headers.location!);
    await request(s.app).delete(`/ogc/collections/garbage-rooms/items/${b}`).set('Cookie', planner);
    const c = idOf((await post('丙')).headers.location!);
    expect([a < b, b < c]).toEqual([true, true]);
  });
});
