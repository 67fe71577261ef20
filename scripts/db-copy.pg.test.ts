import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../server/src/app';
import { PROJECT_ROOT, testConfig } from '../server/src/config';
import { openDatabase, type Db } from '../server/src/db/database';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../server/src/seed/demo-accounts';
import { seedDatabase } from '../server/src/seed/seed';
import type { Role } from '@shared/auth';
import { caseBody } from '../tests/helpers/cases';
import { createTestDatabaseUrl } from '../tests/helpers/test-db';
import { CopyMismatchError, CopyRefusedError, copyDatabase } from './db-copy/copy';

const dataDir = path.join(PROJECT_ROOT, 'data');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-db-copy-'));
const sourceFile = path.join(tmp, 'source.sqlite');
const config = testConfig({ dataDir, uploadDir: path.join(tmp, 'uploads') });
const open: Db[] = [];

function opened(file: string): Db {
  const db = openDatabase(file);
  open.push(db);
  return db;
}

async function cookie(app: App, role: Role): Promise<string> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const res = await request(app).post('/api/auth/login').send({ username: account.username, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return String(res.headers['set-cookie']![0]).split(';')[0]!;
}

/** What a user sees of the database: case count, features per layer, one case's events. */
async function view(app: App, caseId: number) {
  const supervisor = await cookie(app, 'supervisor');
  const cases = await request(app).get('/api/cases?limit=1').set('Cookie', supervisor);
  const { layers } = (await request(app).get('/api/layers').set('Cookie', supervisor)).body as { layers: { id: string }[] };
  const features: Record<string, number> = {};
  for (const l of layers) features[l.id] = (await request(app).get(`/ogc/collections/${l.id}/items?limit=1`).set('Cookie', supervisor)).body.numberMatched;
  const detail = await request(app).get(`/api/cases/${caseId}`).set('Cookie', supervisor);
  return { total: cases.body.total as number, features, events: detail.body.case?.events as unknown[] };
}

let caseId = 0;
let before: Awaited<ReturnType<typeof view>>;

beforeAll(async () => {
  const source = opened(sourceFile);
  seedDatabase(source, dataDir);
  await seedDemoAccounts(source);
  const app = createApp({ db: source, config });
  const inspector = await cookie(app, 'inspector');
  for (const description of ['河坊街路面有油污', '清河坊垃圾满溢']) {
    const filed = await request(app).post('/api/cases').set('Cookie', inspector).send(caseBody({ description }));
    expect(filed.status).toBe(201);
    caseId = filed.body.case.id;
  }
  const registered = await request(app).post(`/api/cases/${caseId}/actions/register`).set('Cookie', await cookie(app, 'supervisor')).send({});
  expect(registered.status).toBe(200);
  before = await view(app, caseId);
}, 60_000);

afterAll(() => {
  for (const db of open) db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run db:copy', () => {
  it('copies a SQLite database into PostgreSQL, where the app answers as before; a second copy into it is refused', async () => {
    const url = createTestDatabaseUrl();
    const cli = spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/db-copy.ts'), '--from', sourceFile, '--to', url],
      { encoding: 'utf8', env: { ...process.env, UPLOAD_DIR: config.uploadDir } });
    expect(cli.stderr).not.toMatch(/refused|failed/i);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/^cases\s+2\s+2\s+[0-9a-f]{32}\s+yes/m);
    expect(cli.stdout).toMatch(/^case_events\s+3\s+3\s+[0-9a-f]{32}\s+yes/m);
    expect(cli.stdout).toContain('Copied and verified 18 tables');
    expect(cli.stdout).toMatch(/sessions \(\d+ rows\): sign-ins are not moved/);
    expect(cli.stdout).toContain(`they stay in UPLOAD_DIR (${config.uploadDir})`);

    const target = opened(url);
    const app = createApp({ db: target, config });
    const after = await view(app, caseId);
    expect(after.total).toBe(2);
    expect(after.events.map((e) => (e as { action: string }).action)).toEqual(['report', 'register']);
    expect(after).toEqual(before);

    const filed = await request(app).post('/api/cases').set('Cookie', await cookie(app, 'inspector')).send(caseBody());
    expect(filed.status, filed.text).toBe(201);
    expect(filed.body.case.id).toBe(caseId + 1);

    expect(() => copyDatabase(opened(sourceFile), target)).toThrow(CopyRefusedError);
    expect(() => copyDatabase(opened(sourceFile), target)).toThrow(/target is not empty \(users: 10 rows/);
  });

  it('rolls everything back when a row differs at verification', () => {
    const target = opened(createTestDatabaseUrl());
    let error: unknown;
    try {
      copyDatabase(opened(sourceFile), target, {
        beforeVerify: (db) => db.prepare('UPDATE cases SET description = ? WHERE id = ?').run('篡改过的描述', caseId),
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CopyMismatchError);
    const report = (error as CopyMismatchError).report;
    expect(report.tables.filter((t) => !t.ok).map((t) => t.table)).toEqual(['cases']);
    expect(report.tables.find((t) => t.table === 'cases')).toMatchObject({ sourceRows: 2, targetRows: 2 });
    expect(target.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
    expect(target.prepare('SELECT count(*) FROM features').pluck().get()).toBe(0);
  });
});
