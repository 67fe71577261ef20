import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/src/app';
import { PROJECT_ROOT, testConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/database';
import { seedDatabase } from '../server/src/seed/seed';
import { seedDemoAccounts } from '../server/src/seed/demo-accounts';
import { writeFixtureDataDir } from '../tests/helpers/fixture-data';

const run = promisify(execFile);
const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-user-token-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run user -- token', () => {
  it('prints a token once that then signs requests in as the account; tokens lists it, revoke-token ends it', async () => {
    const dataDir = writeFixtureDataDir();
    const dbFile = path.join(tmp, 'db.sqlite');
    const db = openDatabase(dbFile);
    seedDatabase(db, dataDir);
    await seedDemoAccounts(db);
    const env = { ...process.env, DATA_DIR: dataDir, DB_FILE: dbFile, LOG_LEVEL: 'silent' };
    const cli = (...args: string[]) => run(TSX, ['scripts/user.ts', ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 60_000 });

    const { stdout } = await cli('token', 'planner', '--label', 'QGIS 笔记本', '--days', '30');
    const token = /^(qbt_[\w-]{43})$/m.exec(stdout)?.[1];
    expect(token, stdout).toBeDefined();
    expect(stdout).toMatch(/shown only now/);

    const app = createApp({ db, config: testConfig({ dataDir, dbFile }) });
    const me = await request(app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(me.body.user.username).toBe('planner');

    const list = (await cli('tokens', 'planner')).stdout;
    expect(list).toContain(token!.slice(0, 12));
    expect(list).not.toContain(token!.slice(12));
    const id = /^#(\d+)/m.exec(list)![1]!;
    await cli('revoke-token', id);
    expect((await request(app).get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    await expect(cli('token', 'nobody')).rejects.toMatchObject({ code: 2 });
    db.close();
  }, 120_000);
});
