import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/src/config';
import { openDatabase, type Db } from '../../server/src/db/database';
import { PgDatabase } from '../../server/src/db/postgres';
import { caseBody } from '../helpers/cases';
import { startTestCluster, type TestCluster } from '../helpers/pg-cluster';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

// #14 item 4: PostgreSQL going away mid-run answers 503 with Retry-After, writes nothing half, and the server
// reconnects by itself once it is back. A cluster of its own, so stopping it disturbs no other test.
describe('the database going away mid-run', () => {
  let cluster: TestCluster;
  let db: Db;
  let s: SecuredApp;

  beforeAll(async () => {
    cluster = await startTestCluster('qingbo-outage-pg-');
    const admin = new PgDatabase(cluster.url);
    admin.exec('CREATE DATABASE outage');
    admin.close();
    const url = new URL(cluster.url);
    url.pathname = '/outage';
    db = openDatabase(url.toString(), { connectTimeoutMs: 2_000 });
    s = await createSecuredApp({}, path.join(PROJECT_ROOT, 'data'), { db });
  }, 120_000);

  afterAll(() => {
    db?.close();
    cluster?.stop();
  });

  it('answers 503 + Retry-After while it is down, loses no acknowledged case and keeps no half-written one, then serves again', async () => {
    const cookie = await s.cookieFor('inspector');
    const first = await request(s.app).post('/api/cases').set('Cookie', cookie).send(caseBody());
    expect(first.status).toBe(201);

    cluster.halt();
    const during = caseBody({ description: '停库期间提交的案件' });
    const refused = await request(s.app).post('/api/cases').set('Cookie', cookie).send(during);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body.error.code).toBe('database_unavailable');
    const list = await request(s.app).get('/api/cases').set('Cookie', cookie);
    expect(list.status).toBe(503);
    const tile = await request(s.app).get('/tiles/cases/16/54640/26918.mvt');
    expect(tile.status).toBe(503);
    expect(tile.headers['retry-after']).toBe('5');

    cluster.resume();
    // the same request again (same idempotency key): filed once, now
    const again = await request(s.app).post('/api/cases').set('Cookie', cookie).send(during);
    expect(again.status).toBe(201);
    const twice = await request(s.app).post('/api/cases').set('Cookie', cookie).send(during);
    expect(twice.body.case.id).toBe(again.body.case.id);
    for (const id of [first.body.case.id, again.body.case.id]) {
      expect((await request(s.app).get(`/api/cases/${id}`).set('Cookie', cookie)).status).toBe(200);
    }
    // nothing else was written by the refused attempt: one case with that description
    expect((db.prepare('SELECT count(*) FROM cases WHERE description = ?').pluck().get('停库期间提交的案件') as number)).toBe(1);
  }, 120_000);
});
